// Read a bank's amount text into integer minor units, strictly: in the number format the
// mapping names, with the sign and currency decorations banks use, and an error with a reason
// for anything else. Never a float, never a silent guess.

import { MAX_AMOUNT_MINOR, maxAmountText } from "../money";
import type { NumberFormat } from "./csv-types";

export type AmountResult =
  /** `minor` is null when the cell is empty (no amount, e.g. the unused side of debit/credit). */
  | { ok: true; minor: bigint | null }
  | { ok: false; reason: string };

// Symbols and codes that may stand before or after the number, with or without a space.
const CURRENCY_PREFIX =
  /^(?:US\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|R\$|[$€£¥₹₩₽₺₪₫฿₴₦₱]|(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|SEK|NOK|DKK|PLN|CZK|HUF|INR|MXN|BRL|ZAR|SGD|HKD)(?![A-Z]))\s*/i;
const CURRENCY_SUFFIX =
  /\s*(?:[$€£¥₹₩₽₺₪₫฿₴₦₱]|(?<![A-Z])(?:USD|EUR|GBP|CHF|CAD|AUD|NZD|JPY|SEK|NOK|DKK|PLN|CZK|HUF|INR|MXN|BRL|ZAR|SGD|HKD|kr|zł|Fr\.?))$/i;
// Trailing debit/credit markers used by some UK and Australian banks: "12.50 DR", "12.50CR".
const DRCR_SUFFIX = /\s*(DR|CR)\.?$/i;
const MINUS = /^[-\u2212]$/;
// Up to 13 integer digits, so whole * 100 stays an exact integer in a double (< 2^53).
const PLAIN_DOT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;
const PLAIN_COMMA = /^(-?)(\d{1,13})(?:,(\d{1,2}))?$/; // ASCII hyphen-minus or U+2212 MINUS SIGN
const SPACES = /[ \u00a0\u202f\u2009]/;

export const NUMBER_FORMATS: readonly NumberFormat[] = [
  { decimalSeparator: ".", thousandsSeparator: "," },
  { decimalSeparator: ",", thousandsSeparator: "." },
  { decimalSeparator: ",", thousandsSeparator: " " },
  { decimalSeparator: ".", thousandsSeparator: " " },
  { decimalSeparator: ".", thousandsSeparator: "'" },
  { decimalSeparator: ",", thousandsSeparator: "'" },
  { decimalSeparator: ".", thousandsSeparator: "" },
  { decimalSeparator: ",", thousandsSeparator: "" },
];

export function describeNumberFormat(format: NumberFormat): string {
  const group = format.thousandsSeparator === " " ? "\u00a0" : format.thousandsSeparator;
  return `1${group}234${format.decimalSeparator}56`;
}

/**
 * "-1,234.56", "(45.20)", "45.20-", "+12", "$1,234.56", "-€12,50", "1 234,56 EUR", "12.50 DR"
 * → minor units. More than two decimals is an error unless the extra digits are zeros
 * ("12.3400" is fine). Thousands separators must group by three.
 */
export function parseAmount(text: string, format: NumberFormat, places = 2): AmountResult {
  // Fast path for the plain "-1234.56" most exports write: one regex, no BigInt parsing
  // (two-decimal currencies; JPY's 0 and BHD's 3 take the general path).
  const plain = places === 2 ? (format.decimalSeparator === "." ? PLAIN_DOT : PLAIN_COMMA).exec(text) : null;
  // 13 integer digits at most: the fast path cannot pass the bound (MAX_AMOUNT_MINOR).
  if (plain) {
    const [, sign, whole, fraction = ""] = plain;
    const cents = fraction.length === 0 ? 0 : fraction.length === 1 ? Number(fraction) * 10 : Number(fraction);
    const minor = BigInt(Number(whole) * 100 + cents);
    return { ok: true, minor: sign === "-" && minor !== 0n ? -minor : minor };
  }
  const original = text;
  let s = text.trim();
  if (s === "") return { ok: true, minor: null };

  let signs = 0;
  let negative = false;
  const sign = (isNegative: boolean) => {
    signs++;
    negative = isNegative;
  };

  const drcr = DRCR_SUFFIX.exec(s);
  if (drcr) {
    sign(drcr[1].toUpperCase() === "DR");
    s = s.slice(0, drcr.index);
  }
  // Sign, parentheses and currency may come in any order on either side: "-$5", "$-5",
  // "5 €-", "($1,045.20)".
  for (let changed = true; changed && s !== ""; ) {
    changed = false;
    if (s.startsWith("(") && s.endsWith(")")) {
      sign(true);
      s = s.slice(1, -1).trim();
      changed = true;
    }
    const prefix = CURRENCY_PREFIX.exec(s);
    if (prefix) {
      s = s.slice(prefix[0].length);
      changed = true;
    }
    const suffix = CURRENCY_SUFFIX.exec(s);
    if (suffix) {
      s = s.slice(0, suffix.index);
      changed = true;
    }
    const first = s[0];
    if (first === "+" || (first !== undefined && MINUS.test(first))) {
      sign(first !== "+");
      s = s.slice(1).trimStart();
      changed = true;
    }
    const last = s[s.length - 1];
    if (last === "+" || (last !== undefined && MINUS.test(last))) {
      sign(last !== "+");
      s = s.slice(0, -1).trimEnd();
      changed = true;
    }
  }
  if (signs > 1) return fail(original, "has more than one sign");
  if (!/\d/.test(s)) return fail(original, "is not an amount");
  if (!/^[\d.,' \u00a0\u202f\u2009]+$/.test(s)) return fail(original, "is not an amount");

  const { decimalSeparator: dec, thousandsSeparator: group } = format;
  const decimalAt = s.lastIndexOf(dec);
  if (decimalAt !== -1 && s.indexOf(dec) !== decimalAt) {
    // Two decimal separators: only valid when it is also the grouping character, which no
    // supported format allows.
    return fail(original, `does not match the number format ${describeNumberFormat(format)}`);
  }
  const integerPart = decimalAt === -1 ? s : s.slice(0, decimalAt);
  const fraction = decimalAt === -1 ? "" : s.slice(decimalAt + 1);

  if (!/^\d*$/.test(fraction)) {
    return fail(original, `does not match the number format ${describeNumberFormat(format)}`);
  }
  const digits = readInteger(integerPart, group);
  if (digits === null || (digits === "" && fraction === "")) {
    return fail(original, `does not match the number format ${describeNumberFormat(format)}`);
  }
  if (fraction.length > places && /[^0]/.test(fraction.slice(places))) {
    return fail(original, places === 0 ? "has decimals, and the currency has none" : `has more than ${places} decimals`);
  }
  const whole = digits.replace(/^0+(?=\d)/, "");
  const cents = fraction.slice(0, places).padEnd(places, "0");
  const minor = BigInt(whole || "0") * 10n ** BigInt(places) + (places > 0 ? BigInt(cents) : 0n);
  if (minor > MAX_AMOUNT_MINOR) return fail(original, `is over the largest amount accepted (${maxAmountText(places)})`);
  return { ok: true, minor: negative && minor !== 0n ? -minor : minor };
}

// "1,234,567": one to three digits, then groups of exactly three.
const GROUPED: Record<Exclude<NumberFormat["thousandsSeparator"], "">, RegExp> = {
  ",": /^\d{1,3}(?:,\d{3})+$/,
  ".": /^\d{1,3}(?:\.\d{3})+$/,
  "'": /^\d{1,3}(?:'\d{3})+$/,
  " ": new RegExp(`^\\d{1,3}(?:${SPACES.source}\\d{3})+$`),
};

/** The digits of the integer part, or null when its grouping does not fit the format. */
function readInteger(part: string, group: NumberFormat["thousandsSeparator"]): string | null {
  if (/^\d*$/.test(part)) return part;
  if (group === "" || !GROUPED[group].test(part)) return null;
  return part.replace(/\D/g, "");
}

function fail(text: string, why: string): AmountResult {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { ok: false, reason: `amount "${shown}" ${why}` };
}
