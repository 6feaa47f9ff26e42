import { describe, expect, it } from "vitest";
import { formatAmount, parseDecimalAmount, ratioPercent , currencyDigits, MAX_AMOUNT_MINOR } from "./money";

describe("parseDecimalAmount", () => {
  it("reads signed decimals into cents without float rounding", () => {
    expect(parseDecimalAmount("-12.34")).toBe(-1234n);
    expect(parseDecimalAmount("0.1")).toBe(10n);
    expect(parseDecimalAmount("+7")).toBe(700n);
    expect(parseDecimalAmount("1234567890.99")).toBe(123456789099n);
  });

  it("keeps amounts exact where floats drift", () => {
    // 0.1 + 0.2 !== 0.3 in floats; in cents the sum is exact.
    expect(parseDecimalAmount("0.1")! + parseDecimalAmount("0.2")!).toBe(parseDecimalAmount("0.3"));
  });

  it("rejects what is not an amount", () => {
    for (const bad of ["", "abc", "1.234", "1,00", "--1", "1e5", "NaN", "12345678901234"]) {
      expect(parseDecimalAmount(bad)).toBeNull();
    }
  });
});

describe("formatAmount", () => {
  it("writes two decimals with a leading minus for money out", () => {
    expect(formatAmount(-1234n)).toBe("-12.34");
    expect(formatAmount(5n)).toBe("0.05");
    expect(formatAmount(-5n)).toBe("-0.05");
    expect(formatAmount(0n)).toBe("0.00");
  });

  it("round-trips with parseDecimalAmount", () => {
    for (const text of ["-0.01", "999999.99", "12.30"]) {
      expect(formatAmount(parseDecimalAmount(text)!)).toBe(text);
    }
  });
});

describe("ratioPercent", () => {
  it("gives one decimal and null for a zero base", () => {
    expect(ratioPercent(250n, 1000n)).toBe(25);
    expect(ratioPercent(1n, 3n)).toBe(33.3);
    expect(ratioPercent(-1n, 4n)).toBe(-25);
    expect(ratioPercent(5n, 0n)).toBeNull();
  });

  it("rounds to the nearest tenth rather than cutting off", () => {
    expect(ratioPercent(13869n, 268417n)).toBe(5.2); // 5.167 %
    expect(ratioPercent(311036n, 3247185n)).toBe(9.6); // 9.579 %
    expect(ratioPercent(2n, 3n)).toBe(66.7);
    expect(ratioPercent(1n, 2000n)).toBe(0.1); // 0.05 % rounds up
    expect(ratioPercent(1n, 2001n)).toBe(0); // 0.0499 %
    expect(ratioPercent(-13869n, 268417n)).toBe(-5.2);
    expect(ratioPercent(13869n, -268417n)).toBe(-5.2);
    expect(ratioPercent(-2n, -3n)).toBe(66.7);
  });
});

describe("currencies with other decimals than two (ISO 4217 minor units)", () => {
  it("knows JPY has none, BHD and KWD three, USD and unknown codes two", () => {
    expect([currencyDigits("JPY"), currencyDigits("krw"), currencyDigits("BHD"), currencyDigits("KWD"), currencyDigits("USD"), currencyDigits("XYZ"), currencyDigits(null)]).toEqual([0, 0, 3, 3, 2, 2, 2]);
  });

  it("reads and writes yen as whole units and dinar with three decimals", () => {
    expect(parseDecimalAmount("1234", 0)).toBe(1234n);
    expect(parseDecimalAmount("-1234", 0)).toBe(-1234n);
    expect(parseDecimalAmount("12.5", 0)).toBeNull();
    expect(parseDecimalAmount("1.234", 3)).toBe(1234n);
    expect(parseDecimalAmount("-0.5", 3)).toBe(-500n);
    expect(parseDecimalAmount("1.2345", 3)).toBeNull();
    expect(formatAmount(1234n, 0)).toBe("1234");
    expect(formatAmount(-5n, 0)).toBe("-5");
    expect(formatAmount(1234n, 3)).toBe("1.234");
    expect(formatAmount(-5n, 3)).toBe("-0.005");
  });

  it("keeps the amount bound in minor units whatever the decimals", () => {
    expect(parseDecimalAmount("999999999999.999", 3)).toBe(MAX_AMOUNT_MINOR);
    expect(parseDecimalAmount("1000000000000.000", 3)).toBeNull();
  });
});
