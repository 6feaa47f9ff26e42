// Money is integer minor units (cents) as bigint from parse to storage to sum; it becomes
// a string with two decimals only at the edge (JSON, UI). Never a JS float.

// One bound for every amount that enters (the API, the importer, budgets, rules), in minor
// units: ±999,999,999,999,999 of them, so ±9,999,999,999,999.99 in a two-decimal currency
// (±999,999,999,999,999 yen, ±999,999,999,999.999 dinar: maxAmountText). It is far above any real transaction in any currency
// (a house in Vietnamese dong is ~10^10), keeps every amount exact in a double (< 2^53, which
// the CSV reader's fast path relies on), and makes a mis-mapped reference number fail loudly.
// It does not make sums safe by itself: 9,224 amounts at the bound already pass bigint's
// 9.22 × 10^18, so every SQL sum over amounts is taken as numeric (see compute-summary.ts).
export const MAX_AMOUNT_MINOR = 999_999_999_999_999n;
export const MAX_AMOUNT_TEXT = "9,999,999,999,999.99";

// 15 integer digits: the bound (in minor units) decides, whatever the currency's decimals.
const AMOUNT_PATTERN = /^([+-])?(\d{1,15})(?:\.(\d{1,4}))?$/;

// ISO 4217 minor units of the currencies that do not have two (the rest do). From the ISO
// table, not Intl: CLDR gives some currencies other display digits (IQD 0, ISO 3).
const MINOR_UNITS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"].map((c) => [c, 0])),
  ...Object.fromEntries(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"].map((c) => [c, 3])),
  CLF: 4,
  UYW: 4,
};

/**
 * How many decimals an amount in this currency has (ISO 4217 minor units): JPY 0, USD 2, BHD 3.
 * Stored amounts are in these units: 1,234 yen is 1234n, 1.234 dinar is 1234n. Unknown: 2.
 */
export function currencyDigits(currency: string | null | undefined): number {
  return MINOR_UNITS[(currency ?? "").toUpperCase()] ?? 2;
}

const SCALES = [1n, 10n, 100n, 1000n, 10000n];

/**
 * "-12.34" | "12" | "+0.5" → -1234n | 1200n | 50n, in the minor units of a currency with
 * `digits` decimals (more decimals than the currency has is not an amount: a fraction of a
 * yen or a cent is refused, never rounded). Returns null when it is not an amount.
 */
export function parseDecimalAmount(text: string, digits = 2): bigint | null {
  const match = AMOUNT_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > digits) return null;
  const minor = BigInt(whole) * SCALES[digits] + (digits > 0 ? BigInt(fraction.padEnd(digits, "0")) : 0n);
  if (minor > MAX_AMOUNT_MINOR) return null;
  return sign === "-" ? -minor : minor;
}

/**
 * Whether the text is a plain decimal amount ("-12.34") over the bound when read with `digits`
 * decimals (decimals past those are not looked at: too many decimals is another refusal).
 */
export function isOverAmountBound(text: string, digits = 2): boolean {
  const match = /^[+-]?0*(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return false;
  const [, whole, fraction = ""] = match;
  if (whole.length > 20) return true;
  const minor = BigInt(whole) * SCALES[digits] + (digits > 0 ? BigInt(fraction.slice(0, digits).padEnd(digits, "0")) : 0n);
  return minor > MAX_AMOUNT_MINOR;
}

/** The bound as a person reads it in a currency with `digits` decimals: "9,999,999,999,999.99". */
export function maxAmountText(digits = 2): string {
  const scale = SCALES[digits];
  const whole = (MAX_AMOUNT_MINOR / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return digits > 0 ? `${whole}.${(MAX_AMOUNT_MINOR % scale).toString().padStart(digits, "0")}` : whole;
}

/** -1234n → "-12.34"; 5n → "0.05"; with the currency's digits: 1234n → "1234" (JPY), "1.234" (BHD). */
export function formatAmount(minor: bigint, digits = 2): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = SCALES[digits];
  const whole = abs / scale;
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/**
 * How an ISO 4217 code is written before an amount in English: "USD" → "$", "EUR" → "€",
 * "CHF" → "CHF " (a letter code keeps a no-break space from the digits); an unknown code as
 * "XYZ ". For words and display only.
 */
export function currencySymbol(currency: string): string {
  let symbol = currency;
  try {
    const parts = new Intl.NumberFormat("en-US", { style: "currency", currency }).formatToParts(0);
    symbol = parts.find((p) => p.type === "currency")?.value ?? currency;
  } catch {
    // Not a currency code Intl knows: the code itself.
  }
  return /\p{L}$/u.test(symbol) ? `${symbol}\u00a0` : symbol;
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
