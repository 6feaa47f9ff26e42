import { currencyDigits, currencySymbol } from "@/lib/finance/money";

// Display helpers. Money arrives as a decimal string ("-1234.5", "12.34"); it is formatted
// from its digits, never through a float, so what is shown is exactly what is stored. Totals
// may have more digits than one entered amount may (parseAmount's 13): nothing here caps them.

const MONEY = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * Every amount on screen goes through here. "-1234.5" → "-1,234.50"; with a currency code,
 * its symbol and its decimals: ("-1234.5", "USD") → "-$1,234.50", ("12", "CHF") → "CHF 12.00",
 * ("1200", "JPY") → "¥1,200", ("1.5", "BHD") → "BHD 1.500". Unparseable text is returned as is.
 */
export function formatMoney(amount: string, currency?: string, digits = currencyDigits(currency)): string {
  const match = MONEY.exec(amount.trim());
  if (!match) return amount;
  const [, sign, rawWhole, fraction = ""] = match;
  const whole = rawWhole.replace(/^0+(?=\d)/, "");
  // `digits`: the currency's decimals (JPY 0, BHD 3); two for a bare amount.
  const cents = fraction.padEnd(digits, "0").slice(0, digits);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = sign === "-" && /[1-9]/.test(whole + cents);
  return `${negative ? "-" : ""}${currency ? currencySymbol(currency) : ""}${grouped}${digits > 0 ? `.${cents}` : ""}`;
}

const COMPACT = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A chart axis's money, short and with the currency's symbol: (250000n cents, "USD") → "$2.5K". */
export function formatAxisMoney(minor: bigint, currency?: string): string {
  const whole = minor / 100n;
  const digits = COMPACT.format(Number(whole < 0n ? -whole : whole));
  return `${whole < 0n ? "-" : ""}${currency ? currencySymbol(currency) : ""}${digits}`;
}

/** The amount without its sign: "-12.34" → "12.34". */
export function absAmount(amount: string): string {
  return amount.trim().replace(/^[+-]/, "");
}

export function isNegative(amount: string): boolean {
  return toMinor(amount) < 0n;
}

export function isPositive(amount: string): boolean {
  return toMinor(amount) > 0n;
}

/** Integer minor units (cents) as bigint, any number of digits; 0n when the text is not an amount. */
export function toMinor(amount: string): bigint {
  const match = MONEY.exec(amount.trim());
  if (!match) return 0n;
  const [, sign, whole, fraction = ""] = match;
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
  return sign === "-" ? -minor : minor;
}

/** part / whole in [0, 1] for drawing (bar lengths), computed on integers. */
export function fraction(part: bigint, whole: bigint): number {
  if (whole <= 0n || part <= 0n) return 0;
  if (part >= whole) return 1;
  return Number((part * 100_000n) / whole) / 100_000;
}

/** 12.5 → "12.5%"; null → "—". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return `${value.toFixed(1)}%`;
}

const MONTH_SHORT = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" });
const MONTH_LONG = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const DAY = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function monthDate(month: string): Date | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)) : null;
}

/** "2026-03" → "Mar". */
export function monthShort(month: string): string {
  const d = monthDate(month);
  return d ? MONTH_SHORT.format(d) : month;
}

/** "2026-03" → "March 2026". */
export function monthLong(month: string): string {
  const d = monthDate(month);
  return d ? MONTH_LONG.format(d) : month;
}

/** "2026-03-09" → "Mar 9, 2026". */
export function formatDayLabel(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? day : DAY.format(d);
}

/** "Updated 5 seconds ago" style phrasing for an age in whole seconds. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"} ago`;
  if (s < 60) return unit(s, "second");
  if (s < 3600) return unit(Math.floor(s / 60), "minute");
  if (s < 86_400) return unit(Math.floor(s / 3600), "hour");
  return unit(Math.floor(s / 86_400), "day");
}

/** Today in the viewer's time zone as "YYYY-MM-DD". */
export function localToday(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
