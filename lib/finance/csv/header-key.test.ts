import { describe, expect, it } from "vitest";
import { applyTemplate, headerKey } from "./header-key";
import type { ImportMapping } from "./csv-types";

describe("headerKey", () => {
  const chase = ["Details", "Posting Date", "Description", "Amount", "Type", "Balance", "Check or Slip #"];

  it("is stable for the same header", () => {
    expect(headerKey(chase, ",")).toBe(headerKey([...chase], ","));
    expect(headerKey(chase, ",")).toMatch(/^h1:[0-9a-f]{32}$/);
  });

  it("ignores case, extra spaces and empty trailing names", () => {
    expect(headerKey(["  details", "POSTING  DATE", ...chase.slice(2), ""], ",")).toBe(headerKey(chase, ","));
  });

  it("differs when the delimiter, the order or a name differs", () => {
    const key = headerKey(chase, ",");
    expect(headerKey(chase, ";")).not.toBe(key);
    expect(headerKey([...chase].reverse(), ",")).not.toBe(key);
    expect(headerKey(chase.map((n) => (n === "Amount" ? "Betrag" : n)), ",")).not.toBe(key);
  });

  it("keys a headerless file by delimiter and column count", () => {
    expect(headerKey(null, ",", 5)).toMatch(/^n1:/);
    expect(headerKey(null, ",", 5)).not.toBe(headerKey(null, ",", 6));
  });
});

describe("applyTemplate", () => {
  const detected: ImportMapping = {
    version: 1,
    encoding: "utf-8",
    delimiter: ",",
    headerRow: 7,
    skipRows: 8,
    columns: ["date", "description", "amount", "balance"],
    columnNames: ["Date", "Description", "Amount", "Running Bal."],
    dateFormat: "MM/DD/YYYY",
    decimalSeparator: ".",
    thousandsSeparator: ",",
    invertSign: false,
    direction: null,
  };

  it("keeps the user's choices and this file's header position", () => {
    const template = { ...detected, headerRow: 6, skipRows: 7, columns: ["date", "payee", "amount", "ignore"], invertSign: true } as ImportMapping;
    expect(applyTemplate(detected, template)).toMatchObject({ headerRow: 7, skipRows: 8, columns: ["date", "payee", "amount", "ignore"], invertSign: true });
  });

  it("ignores a template made for another header", () => {
    const template = { ...detected, columnNames: ["Datum", "Omschrijving", "Bedrag", "Saldo"], invertSign: true };
    expect(applyTemplate(detected, template)).toBe(detected);
  });
});
