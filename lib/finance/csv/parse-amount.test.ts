import { describe, expect, it } from "vitest";
import { parseAmount } from "./parse-amount";
import type { NumberFormat } from "./csv-types";

const US: NumberFormat = { decimalSeparator: ".", thousandsSeparator: "," };
const DE: NumberFormat = { decimalSeparator: ",", thousandsSeparator: "." };
const FR: NumberFormat = { decimalSeparator: ",", thousandsSeparator: " " };
const CH: NumberFormat = { decimalSeparator: ".", thousandsSeparator: "'" };
const PLAIN: NumberFormat = { decimalSeparator: ".", thousandsSeparator: "" };

const minor = (text: string, format: NumberFormat) => {
  const result = parseAmount(text, format);
  return result.ok ? result.minor : `error: ${result.reason}`;
};

describe("parseAmount", () => {
  it("reads signed decimals into integer cents", () => {
    expect(minor("-12.34", US)).toBe(-1234n);
    expect(minor("0.1", US)).toBe(10n);
    expect(minor("7", US)).toBe(700n);
  });

  it("reads US thousands separators", () => {
    expect(minor("1,234.56", US)).toBe(123456n);
    expect(minor("-1,234,567.89", US)).toBe(-123456789n);
  });

  it("reads German 1.234,56", () => {
    expect(minor("1.234,56", DE)).toBe(123456n);
    expect(minor("-45,67", DE)).toBe(-4567n);
  });

  it("reads French 1 234,56 with a space, a non-breaking space or a narrow no-break space", () => {
    expect(minor("1 234,56", FR)).toBe(123456n);
    expect(minor("1\u00a0234,56", FR)).toBe(123456n);
    expect(minor("12\u202f345\u202f678,90", FR)).toBe(1234567890n);
    expect(minor("1\u2009234,56", FR)).toBe(123456n);
  });

  it("reads Swiss 1'234.56", () => {
    expect(minor("1'234.56", CH)).toBe(123456n);
  });

  it("reads parentheses as negative", () => {
    expect(minor("(45.20)", US)).toBe(-4520n);
    expect(minor("($1,045.20)", US)).toBe(-104520n);
  });

  it("reads a trailing minus as negative", () => {
    expect(minor("45.20-", US)).toBe(-4520n);
    expect(minor("1.234,56-", DE)).toBe(-123456n);
  });

  it("reads a leading plus as positive", () => {
    expect(minor("+12.00", US)).toBe(1200n);
  });

  it("strips currency symbols and codes on either side of the sign", () => {
    expect(minor("$1,234.56", US)).toBe(123456n);
    expect(minor("-$4.75", US)).toBe(-475n);
    expect(minor("$-4.75", US)).toBe(-475n);
    expect(minor("€12,50", DE)).toBe(1250n);
    expect(minor("-12,50 €", DE)).toBe(-1250n);
    expect(minor("£3.20", US)).toBe(320n);
    expect(minor("1 234,56 EUR", FR)).toBe(123456n);
    expect(minor("USD 99.00", US)).toBe(9900n);
  });

  it("reads DR/CR suffixes as money out/in", () => {
    expect(minor("12.50 DR", US)).toBe(-1250n);
    expect(minor("12.50CR", US)).toBe(1250n);
  });

  it("reads the Unicode minus sign", () => {
    expect(minor("\u221212.50", US)).toBe(-1250n);
  });

  it("accepts extra decimals only when they are zeros", () => {
    expect(minor("12.3400", US)).toBe(1234n);
    expect(minor("12.345", US)).toBe('error: amount "12.345" has more than 2 decimals');
  });

  it("gives null for an empty cell (no amount), not zero", () => {
    expect(minor("", US)).toBeNull();
    expect(minor("   ", US)).toBeNull();
  });

  it("rejects text with a reason", () => {
    expect(minor("abc", US)).toBe('error: amount "abc" is not an amount');
    expect(minor("12.34.56", US)).toMatch(/does not match the number format/);
    expect(minor("1e5", US)).toBe('error: amount "1e5" is not an amount');
  });

  it("rejects a value written in the other number format instead of misreading it", () => {
    expect(minor("12.34", DE)).toMatch(/does not match the number format 1\.234,56/);
    expect(minor("1,23.45", US)).toMatch(/does not match/);
    expect(minor("1,234.56", PLAIN)).toMatch(/does not match/);
  });

  it("rejects two signs", () => {
    expect(minor("-(12.00)", US)).toBe('error: amount "-(12.00)" has more than one sign');
    expect(minor("--1", US)).toMatch(/more than one sign/);
  });

  it("rejects absurdly large numbers (a mapped reference number)", () => {
    expect(minor("1234567890123456", US)).toMatch(/over the largest amount accepted/);
  });

  it("has the API's bound: 13 integer digits, ±9,999,999,999,999.99", () => {
    expect(minor("-9,999,999,999,999.99", US)).toBe(-999_999_999_999_999n);
    expect(minor("9999999999999.99", US)).toBe(999_999_999_999_999n);
    expect(minor("-999999999999999.99", US)).toBe(
      'error: amount "-999999999999999.99" is over the largest amount accepted (9,999,999,999,999.99)',
    );
    expect(minor("10,000,000,000,000.00", US)).toMatch(/over the largest amount accepted/);
  });

  it("treats -0.00 as zero", () => {
    expect(minor("-0.00", US)).toBe(0n);
  });
});

describe("parseAmount with the currency's decimals", () => {
  const US = { decimalSeparator: ".", thousandsSeparator: "," } as const;
  const EU = { decimalSeparator: ",", thousandsSeparator: "." } as const;
  it("reads yen as whole units and refuses a fraction of a yen", () => {
    expect(parseAmount("-1,234", US, 0)).toEqual({ ok: true, minor: -1234n });
    expect(parseAmount("¥5000", US, 0)).toEqual({ ok: true, minor: 5000n });
    expect(parseAmount("12.00", US, 0)).toEqual({ ok: true, minor: 12n });
    expect(parseAmount("12.5", US, 0)).toMatchObject({ ok: false, reason: expect.stringContaining("the currency has none") });
  });
  it("reads dinar with three decimals", () => {
    expect(parseAmount("-1,234.567", US, 3)).toEqual({ ok: true, minor: -1234567n });
    expect(parseAmount("1.234,5", EU, 3)).toEqual({ ok: true, minor: 1234500n });
    expect(parseAmount("0.0015", US, 3)).toMatchObject({ ok: false, reason: expect.stringContaining("more than 3 decimals") });
  });
});
