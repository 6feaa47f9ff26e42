// Money is integer minor units (cents) as bigint from parse to storage to sum; it becomes
// a string with two decimals only at the edge (JSON, UI). Never a JS float.

const AMOUNT_PATTERN = /^([+-])?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "-12.34" | "12" | "+0.5" → -1234n | 1200n | 50n. Returns null when it is not an amount. */
export function parseDecimalAmount(text: string): bigint | null {
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
  // Tenths of a percent, rounded half away from zero (BigInt division truncates: 138.69 of
  // 2,684.17 is 5.167 %, shown 5.2 %, not 5.1 %).
  const scaled = part * 2000n;
  const sign = (scaled < 0n) !== (whole < 0n) ? -1n : 1n;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  const tenths = (abs(scaled) / abs(whole) + 1n) / 2n;
  return Number(sign * tenths) / 10;
}
