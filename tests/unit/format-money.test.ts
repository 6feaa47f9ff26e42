import { describe, expect, it } from "vitest";
import { formatAxisMoney, formatMoney, formatPercent, fraction, isNegative, toMinor } from "../../components/dashboard/dashboard-format";
import { labelledDays } from "../../components/forecast/forecast-chart";
import { currencySymbol } from "../../lib/finance/money";

describe("formatMoney (every amount on screen)", () => {
  it("writes the main currency's symbol before the digits, after the minus sign", () => {
    expect(formatMoney("-1234.5", "USD")).toBe("-$1,234.50");
    expect(formatMoney("2150", "EUR")).toBe("€2,150.00");
    expect(formatMoney("0.00", "GBP")).toBe("£0.00");
  });

  it("keeps a letter code apart from the digits", () => {
    expect(formatMoney("12", "CHF")).toBe("CHF\u00a012.00");
    expect(currencySymbol("XYZ")).toBe("XYZ\u00a0");
  });

  it("shows a bare amount without a currency", () => {
    expect(formatMoney("-1234.5")).toBe("-1,234.50");
  });
});

describe("totals wider than one entered amount", () => {
  it("parses a 16-digit total to cents instead of zero", () => {
    expect(toMinor("1234567890123456.78")).toBe(123456789012345678n);
    expect(isNegative("-99999999999999.00")).toBe(true);
  });

  it("draws a bar for a 14-digit month total", () => {
    const total = toMinor("12345678901234.00");
    expect(fraction(total, total * 2n)).toBe(0.5);
  });
});

describe("formatPercent", () => {
  it("rounds to the nearest tenth instead of cutting", () => {
    expect(formatPercent(145.27)).toBe("145.3%");
    expect(formatPercent(145.24)).toBe("145.2%");
  });
});

describe("a currency's own decimals", () => {
  it("writes yen without decimals and dinars with three, unless told otherwise", () => {
    expect(formatMoney("-1200", "JPY")).toBe("-¥1,200");
    expect(formatMoney("1.5", "BHD")).toBe("BHD\u00a01.500");
    expect(formatMoney("-1234.5", "USD")).toBe("-$1,234.50");
    expect(formatMoney("1200", "JPY", 2)).toBe("¥1,200.00");
  });
});

describe("chart axes", () => {
  it("write the main currency's symbol on the monthly chart's money (was a bare 10K)", () => {
    expect(formatAxisMoney(1_000_000n, "USD")).toBe("$10K");
    expect(formatAxisMoney(250_000n, "EUR")).toBe("€2.5K");
    expect(formatAxisMoney(0n, "GBP")).toBe("£0");
    expect(formatAxisMoney(2_000_000_000_000_000n, "USD")).toBe("$20T");
    expect(formatAxisMoney(-500_000n, "USD")).toBe("-$5K");
    expect(formatAxisMoney(1_000_000n)).toBe("10K");
  });

  it("leave out a forecast day label that would touch the one before it (7d and 14d on a phone)", () => {
    const phone = (d: number) => 64 + (d / 90) * 238;
    expect([...labelledDays([7, 14, 30, 60, 90], phone)]).toEqual([7, 30, 60, 90]);
    const desktop = (d: number) => 64 + (d / 90) * 900;
    expect([...labelledDays([7, 14, 30, 60, 90], desktop)]).toEqual([7, 14, 30, 60, 90]);
  });
});
