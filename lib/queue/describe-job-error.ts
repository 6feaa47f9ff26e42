// A job's error as a person reads it. The worker stores the thrown error's message as it is
// (the log needs it whole); what the user sees goes through here on the way out: job views,
// job logs, the dashboard's "could not update", an import's failure. Our own errors are
// already in words and pass unchanged; a driver's text (Prisma's "Invalid `prisma.$queryRaw()`
// invocation … Raw query failed. Code: `22003`", a socket error, a stack line) becomes a
// sentence that says what happened and what the user can do, never table or file names.

const INTERNAL = [
  /invocation/i,
  /raw query failed/i,
  /prisma/i,
  /\bP[12]\d{3}\b/,
  /\bcode: `?\d{2}[0-9A-Z]{3}`?/i,
  /\bE(?:CONN(?:REFUSED|RESET|ABORTED)|TIMEDOUT|PIPE|HOSTUNREACH|NOTFOUND|AI_AGAIN)\b/,
  /\bat [\w.<>]+ \(?[^)\s]*\.(?:js|ts|mjs|cjs):\d+/,
  /\b(?:TypeError|ReferenceError|RangeError|SyntaxError)\b/,
  /cannot read propert|is not a function|is not defined|undefined is not/i,
  /\b(?:relation|column|table) "[^"]*"/i,
  /violates \w+ (?:key )?constraint|duplicate key value|syntax error at/i,
  /connection (?:terminated|is closed|refused|reset)|terminating connection|server closed the connection/i,
  /MaxRetriesPerRequest|Stream isn't writeable|Redis/,
];

const WORDS: { test: RegExp; words: string }[] = [
  {
    test: /out of range|22003|numeric field overflow|ValueOutOfRange/i,
    words:
      "a total of your amounts is too large to compute. An amount column may hold reference or card numbers: check the last import and undo it if so",
  },
  {
    test: /ECONN|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN|ENOTFOUND|can't reach|connection|P1001|P1017|57P0\d|too many clients/i,
    words: "the database or the job queue could not be reached for a moment; it is tried again automatically",
  },
  {
    test: /timed? ?out|P2028|Transaction already closed|statement timeout|57014/i,
    words: "the database took too long to answer; it is tried again automatically",
  },
];

const GENERIC = "an internal error stopped it (it has been logged for the maintainers)";

/** Whether a message carries a driver's or runtime's text rather than words meant for a user. */
export function isInternalErrorText(text: string): boolean {
  return INTERNAL.some((pattern) => pattern.test(text));
}

/**
 * The message to show a user. Internal text is replaced by words; a leading "attempt 2
 * failed: " or "The import failed: " the worker added is kept in front of them.
 */
export function describeJobError(text: string): string;
export function describeJobError(text: string | null): string | null;
export function describeJobError(text: string | null): string | null {
  if (text === null || !isInternalErrorText(text)) return text;
  const lead = /^((?:attempt \d+ failed|the import failed|matching transactions failed|retrying)\s*:\s*)/i.exec(text)?.[1] ?? "";
  const rest = text.slice(lead.length);
  const words = WORDS.find((w) => w.test.test(rest))?.words ?? GENERIC;
  return lead === "" ? words : `${lead.trimEnd()} ${words}`;
}
