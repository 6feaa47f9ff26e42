// Money is integer minor units (cents) as bigint from parse to storage to sum; it becomes
// a string with two decimals only at the edge (JSON, UI). Never a JS float.

// One bound for every amount that enters (the API, the importer, budgets, rules): 13 integer
// digits, so ±9,999,999,999,999.99. It is far above any real transaction in any currency
// (a house in Vietnamese dong is ~10^10), keeps every amount exact in a double (< 2^53, which
// the CSV reader's fast path relies on), and makes a mis-mapped reference number fail loudly.
// It does not make sums safe by itself: 9,224 amounts at the bound already pass bigint's
// 9.22 × 10^18, so every SQL sum over amounts is taken as numeric (see compute-summary.ts).
export const MAX_AMOUNT_MINOR = 999_999_999_999_999n;
export const MAX_AMOUNT_TEXT = "9,999,999,999,999.99";

const AMOUNT_PATTERN = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;
const TOO_LARGE_PATTERN = /^[+-]?\d{14,}(?:\.\d*)?$/;

/** "-12.34" | "12" | "+0.5" → -1234n | 1200n | 50n. Returns null when it is not an amount. */
export function parseDecimalAmount(text: string): bigint | null {
  const match = AMOUNT_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign === "-" ? -minor : minor;
}

/** Whether the text is a plain decimal amount that is only refused for being over the bound. */
export function isOverAmountBound(text: string): boolean {
  return TOO_LARGE_PATTERN.test(text.trim().replace(/^([+-]?)0+(?=\d)/, "$1"));
}

/** -1234n → "-12.34"; 5n → "0.05". */
export function formatAmount(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${whole}.${cents}`;
}

/** Percentage with one decimal, e.g. savings rate; null when the base is zero. */
export function ratioPercent(part: bigint, whole: bigint): number | null {
  if (whole === 0n) return null;
  // Tenths of a percent, rounded half away from zero (BigInt division truncates: 138.69 of
  // 2,684.17 is 5.167 %, shown 5.2 %, not 5.1 %).
  const scaled = part * 2000n;
  const sign = (scaled < 0n) !== (whole < 0n) ? -1n : 1n;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  const tenths = (abs(scaled) / abs(whole) + 1n) / 2n;
  return Number(sign * tenths) / 10;
}
