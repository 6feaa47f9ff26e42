import { describe, expect, it } from "vitest";
import { DateFormatTally, resolveDateFormat, resolveNumberFormat } from "./resolve-formats";

describe("resolveDateFormat", () => {
  it("chooses the only format that parses every value", () => {
    const result = resolveDateFormat(["01/02/2024", "03/04/2024", "25/04/2024"]);
    expect(result).toMatchObject({ format: "DD/MM/YYYY", ambiguous: false, parsed: 3, failed: 0 });
  });

  it("is not fooled by early rows: a late day 25 settles day-first", () => {
    const values = [...Array.from({ length: 200 }, (_, i) => `${String((i % 12) + 1).padStart(2, "0")}/01/2024`), "25/01/2024"];
    expect(resolveDateFormat(values).format).toBe("DD/MM/YYYY");
  });

  it("flags all-day-<=-12 values as ambiguous and follows the day-first hint", () => {
    const result = resolveDateFormat(["01/02/2024", "03/04/2024"], { dayFirst: true });
    expect(result).toMatchObject({ format: "DD/MM/YYYY", ambiguous: true, alternative: "MM/DD/YYYY" });
  });

  it("defaults an ambiguous file to month-first without a hint", () => {
    expect(resolveDateFormat(["01/02/2024", "03/04/2024"]).format).toBe("MM/DD/YYYY");
  });

  it("does not call dates ambiguous when both readings give the same days (day = month)", () => {
    expect(resolveDateFormat(["01/01/2024", "02/02/2024"]).ambiguous).toBe(false);
  });

  it("ignores empty values and counts values no format reads", () => {
    const result = resolveDateFormat(["2024-01-05", "", "Total", "2024-01-06"]);
    expect(result).toMatchObject({ format: "YYYY-MM-DD", parsed: 2, failed: 1 });
  });

  it("returns no format when nothing is a date", () => {
    expect(resolveDateFormat(["abc", "12.50"]).format).toBeNull();
  });

  it("resolves dotted two-digit years and ISO date-times", () => {
    expect(resolveDateFormat(["31.01.24", "01.02.24"]).format).toBe("DD.MM.YY");
    expect(resolveDateFormat(["2024-01-03 10:21:45"]).format).toBe("YYYY-MM-DD");
  });

  it("can be fed value by value for a whole file (the survey pass)", () => {
    const tally = new DateFormatTally();
    for (let i = 0; i < 10_000; i++) tally.add("02/03/2024");
    tally.add("02/13/2024");
    expect(tally.result({ dayFirst: true })).toMatchObject({ format: "MM/DD/YYYY", parsed: 10_001 });
  });
});

describe("resolveNumberFormat", () => {
  it("chooses US grouping from 1,234.56", () => {
    const result = resolveNumberFormat(["1,234.56", "-12.00"]);
    expect(result.format).toEqual({ decimalSeparator: ".", thousandsSeparator: "," });
    expect(result.ambiguous).toBe(false);
  });

  it("chooses German grouping from 1.234,56", () => {
    expect(resolveNumberFormat(["1.234,56", "-45,67"]).format).toEqual({ decimalSeparator: ",", thousandsSeparator: "." });
  });

  it("chooses space grouping from 1 234,56 with a non-breaking space", () => {
    expect(resolveNumberFormat(["1\u00a0234,56", "12,00"]).format).toEqual({ decimalSeparator: ",", thousandsSeparator: " " });
  });

  it("flags 1,000 as ambiguous and follows the decimal-comma hint", () => {
    expect(resolveNumberFormat(["1,000"]).ambiguous).toBe(true);
    expect(resolveNumberFormat(["1,000"]).format.decimalSeparator).toBe(".");
    expect(resolveNumberFormat(["1,000"], { decimalComma: true }).format.decimalSeparator).toBe(",");
  });

  it("counts values that match no format", () => {
    expect(resolveNumberFormat(["12.00", "abc"])).toMatchObject({ parsed: 1, failed: 1 });
  });
});
