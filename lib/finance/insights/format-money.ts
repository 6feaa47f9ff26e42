import { currencySymbol, formatAmount } from "../money";

/** 123456n → "$1,234.56" in the user's currency; words only, never stored as a number. */
export function moneyText(minor: bigint, currency: string): string {
  const negative = minor < 0n;
  const [whole, cents] = formatAmount(negative ? -minor : minor).split(".");
  return `${negative ? "-" : ""}${currencySymbol(currency)}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${cents}`;
}

/** Integer-cents statistics: mean and sample standard deviation, rounded to cents. */
export function meanAndSpread(values: readonly bigint[]): { mean: bigint; sd: bigint } {
  if (!values.length) return { mean: 0n, sd: 0n };
  const n = BigInt(values.length);
  const total = values.reduce((a, b) => a + b, 0n);
  const mean = total / n;
  if (values.length < 2) return { mean, sd: 0n };
  // Squares of cents fit comfortably in bigint; the root is taken once, on a number.
  const squares = values.reduce((a, v) => a + (v * n - total) ** 2n, 0n);
  const variance = Number(squares) / Number(n * n) / (values.length - 1);
  return { mean, sd: BigInt(Math.round(Math.sqrt(variance))) };
}
