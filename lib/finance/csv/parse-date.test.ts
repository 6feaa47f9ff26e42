import { describe, expect, it } from "vitest";
import { compileDateFormat, parseDate } from "./parse-date";

const date = (text: string, format: string) => {
  const result = parseDate(text, format);
  return result.ok ? result.date : `error: ${result.reason}`;
};

describe("parseDate", () => {
  it("reads the common numeric formats", () => {
    expect(date("01/15/2024", "MM/DD/YYYY")).toBe("2024-01-15");
    expect(date("15/01/2024", "DD/MM/YYYY")).toBe("2024-01-15");
    expect(date("15.01.2024", "DD.MM.YYYY")).toBe("2024-01-15");
    expect(date("2024-01-15", "YYYY-MM-DD")).toBe("2024-01-15");
    expect(date("20240115", "YYYYMMDD")).toBe("2024-01-15");
  });

  it("accepts one-digit days and months in any D/M format", () => {
    expect(date("1/5/2024", "MM/DD/YYYY")).toBe("2024-01-05");
    expect(date("5/1/24", "D/M/YY")).toBe("2024-01-05");
  });

  it("requires exact widths when numeric fields touch", () => {
    expect(date("2024115", "YYYYMMDD")).toMatch(/does not match/);
  });

  it("rejects a day that does not exist, saying why", () => {
    expect(date("02/30/2024", "MM/DD/YYYY")).toBe(
      'error: date "02/30/2024" does not exist: February 2024 has 29 days (format MM/DD/YYYY)',
    );
    expect(date("29.02.2023", "DD.MM.YYYY")).toMatch(/February 2023 has 28 days/);
    expect(date("31/04/2024", "DD/MM/YYYY")).toMatch(/April 2024 has 30 days/);
  });

  it("accepts 29 February in a leap year", () => {
    expect(date("29.02.2024", "DD.MM.YYYY")).toBe("2024-02-29");
  });

  it("rejects month 13 rather than swapping day and month", () => {
    expect(date("13/01/2024", "MM/DD/YYYY")).toBe('error: date "13/01/2024" has no month 13 (format MM/DD/YYYY)');
  });

  it("rejects a value in another format", () => {
    expect(date("2024-01-15", "DD/MM/YYYY")).toBe('error: date "2024-01-15" does not match the format DD/MM/YYYY');
  });

  it("reports an empty date", () => {
    expect(date("  ", "YYYY-MM-DD")).toBe("error: the date is empty");
  });

  it("drops a time after the date without shifting the day", () => {
    expect(date("2024-01-15 23:59:59", "YYYY-MM-DD")).toBe("2024-01-15");
    expect(date("2024-01-15T23:30:00+05:00", "YYYY-MM-DD")).toBe("2024-01-15");
    expect(date("1/15/2024 3:04 PM", "MM/DD/YYYY")).toBe("2024-01-15");
  });

  it("reads month names in English, German, French, Dutch and Spanish", () => {
    expect(date("15 Jan 2024", "DD MMM YYYY")).toBe("2024-01-15");
    expect(date("03-Mär-2024", "DD-MMM-YYYY")).toBe("2024-03-03");
    expect(date("12 févr. 2024", "DD MMM YYYY")).toBe("2024-02-12");
    expect(date("1 mei 2024", "DD MMM YYYY")).toBe("2024-05-01");
    expect(date("9 dic 2024", "DD MMM YYYY")).toBe("2024-12-09");
    expect(date("Jan 15, 2024", "MMM DD, YYYY")).toBe("2024-01-15");
  });

  it("rejects an unknown month name", () => {
    expect(date("15 Foo 2024", "DD MMM YYYY")).toBe('error: date "15 Foo 2024": "Foo" is not a month name');
  });

  it("maps two-digit years with a fixed pivot: 00-69 → 20xx, 70-99 → 19xx", () => {
    expect(date("01/02/69", "DD/MM/YY")).toBe("2069-02-01");
    expect(date("01/02/70", "DD/MM/YY")).toBe("1970-02-01");
  });

  it("rejects years outside 1900-2100", () => {
    expect(date("01/01/0001", "DD/MM/YYYY")).toMatch(/outside 1900-2100/);
  });

  it("refuses format strings it cannot read", () => {
    expect(compileDateFormat("DD/MM")).toBeNull();
    expect(compileDateFormat("YYYY-QQ-DD")).toBeNull();
    expect(date("2024-01-01", "nonsense")).toBe('error: "nonsense" is not a date format');
  });
});
