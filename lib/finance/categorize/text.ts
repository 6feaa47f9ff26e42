// Small text helpers shared by payee cleaning, the merchant dictionary and the classifier.
// Everything here is pure and allocation-light: it runs once per transaction in big batches.

/** Upper-cases, folds typographic quotes to ', and collapses whitespace. */
export function normalizeDescription(raw: string): string {
  let text = raw;
  if (NON_ASCII.test(text)) text = text.normalize("NFKC").replace(/[\u2018\u2019\u201B\u00B4]/g, "'");
  if (text.includes("`")) text = text.replace(/`/g, "'");
  return text.toUpperCase().replace(/\s+/g, " ").trim();
}

const NON_ASCII = /[^\x00-\x7F]/;

const TOKEN_SPLIT = /[^A-Z0-9&']+/;

/**
 * Tokens used to match merchant aliases: split on anything but letters, digits, & and ',
 * then drop apostrophes so "TRADER JOE'S" and "TRADER JOES" are the same two tokens.
 * Accented letters are folded to ASCII first ("CAFÉ" → "CAFE").
 */
export function matchTokens(normalized: string): string[] {
  const folded = foldAccents(normalized);
  const out: string[] = [];
  for (const part of folded.split(TOKEN_SPLIT)) {
    if (!part) continue;
    const token = part.includes("'") ? part.replace(/'/g, "") : part;
    if (token && token !== "&") out.push(token);
  }
  return out;
}

export function foldAccents(text: string): string {
  // NFD splits "É" into "E" + a combining accent; drop the accents.
  return NON_ASCII.test(text) ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text;
}

/** Lower-case key for comparing payees: "Trader Joe's" and "TRADER JOES" give "trader joes". */
export function payeeKey(payee: string): string {
  let key = payeeKeys.get(payee);
  if (key === undefined) {
    key = matchTokens(normalizeDescription(payee)).join(" ").toLowerCase();
    if (payeeKeys.size >= 20_000) payeeKeys.clear();
    payeeKeys.set(payee, key);
  }
  return key;
}

// Payees repeat a lot (the same few hundred merchants), so their keys are memoized.
const payeeKeys = new Map<string, string>();
