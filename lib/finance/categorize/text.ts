// Small text helpers shared by payee cleaning, the merchant dictionary and the classifier.
// Everything here is pure and allocation-light: it runs once per transaction in big batches.

/** Upper-cases, folds typographic quotes to ', and collapses whitespace. */
export function normalizeDescription(raw: string): string {
  return raw
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\u2018\u2019\u201B\u0060\u00B4]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

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
    const token = part.replace(/'/g, "");
    if (token && token !== "&") out.push(token);
  }
  return out;
}

export function foldAccents(text: string): string {
  // NFD splits "É" into "E" + a combining accent; drop the accents.
  return /[^\x00-\x7F]/.test(text) ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text;
}

/** Lower-case key for comparing payees: "Trader Joe's" and "TRADER JOES" give "trader joes". */
export function payeeKey(payee: string): string {
  return matchTokens(normalizeDescription(payee)).join(" ").toLowerCase();
}
