// Money is integer minor units (cents) as bigint from parse to storage to sum; it becomes
// a string with two decimals only at the edge (JSON, UI). Never a JS float.

const AMOUNT_PATTERN = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "-12.34" | "12" | "+0.5" → -1234n | 1200n | 50n. Returns null when it is not an amount. */
export function parseAmount(text: string): bigint | null {
  const match = AMOUNT_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0"));
  return sign === "-" ? -minor : minor;
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
  // Scale before dividing so the integer division keeps one decimal place.
  return Number((part * 1000n) / whole) / 10;
}
