// The few value shapes the statement formats share: decimal amounts written by machines
// ("-12.50", "1234,56", "+0.5") and compact dates ("20240115120000.000[-5:EST]", "240115").
// Money becomes bigint minor units without passing through a float.

import { parseDate } from "../csv";

const DECIMAL = /^([+-]?)(\d{1,15})(?:[.,](\d*))?$/;

/**
 * A machine-written decimal (either separator, no grouping) in the minor units of a currency
 * with `digits` decimals (lib/finance/money.ts currencyDigits: JPY 0, USD 2, BHD 3); null when
 * it is not one, or has more decimals than the currency that are not zeros (a fraction of a
 * cent or a yen is not money the app can hold, so it is reported rather than rounded).
 */
export function parseStatementAmount(text: string, digits = 2): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, rawFraction = ""] = match;
  if (rawFraction.length > digits && !/^0*$/.test(rawFraction.slice(digits))) return null;
  const fraction = rawFraction.slice(0, digits).padEnd(digits, "0");
  const minor = BigInt(whole) * 10n ** BigInt(digits) + (digits > 0 ? BigInt(fraction) : 0n);
  return sign === "-" ? -minor : minor;
}

/** "YYYYMMDD…" (OFX: a time and a zone may follow, and are dropped) → "YYYY-MM-DD", or null. */
export function parseCompactDate(text: string): string | null {
  const digits = /^\s*(\d{8})/.exec(text);
  if (!digits) return null;
  const result = parseDate(digits[1], "YYYYMMDD");
  return result.ok ? result.date : null;
}

/** "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss…" (ISO 20022) → "YYYY-MM-DD", or null. */
export function parseIsoDate(text: string): string | null {
  const match = /^\s*(\d{4}-\d{2}-\d{2})/.exec(text);
  if (!match) return null;
  const result = parseDate(match[1], "YYYY-MM-DD");
  return result.ok ? result.date : null;
}

/** "YYMMDD" (SWIFT; years 00–69 are 20xx, like the CSV reader's pivot) → "YYYY-MM-DD", or null. */
export function parseSwiftDate(text: string): string | null {
  if (!/^\d{6}$/.test(text)) return null;
  const result = parseDate(text, "YYMMDD");
  return result.ok ? result.date : null;
}

/** Whitespace collapsed and trimmed. */
export function cleanText(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** The basic XML/SGML entities OFX and CAMT text may carry. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(/&(amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    switch (name) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      case "nbsp":
        return " ";
      default: {
        const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
    }
  });
}

/** Line breaks ("\n") in text[from, to). */
export function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
