import { describe, expect, it } from "vitest";
import { escapeTextCell, exportCsv, formatExportRow } from "./export-csv";

const row = { date: "2024-01-15", description: "COFFEE", payee: null, amountMinor: -1234n, category: null };

describe("export CSV", () => {
  it("writes the amount as a plain signed number, never escaped", () => {
    expect(formatExportRow(row)).toBe("2024-01-15,COFFEE,,-12.34,");
  });

  it("neutralises formula-like text cells with an apostrophe", () => {
    for (const value of ["=HYPERLINK(\"http://x\")", "+1 555 0100", "-refund", "@SUM(A1)", "\tx", "\rx", "＝1+1"]) {
      expect(escapeTextCell(value).replace(/^"/, "")[0], value).toBe("'");
    }
  });

  it("leaves ordinary text alone", () => {
    expect(escapeTextCell("Café Müller")).toBe("Café Müller");
  });

  it("quotes commas, quotes and line breaks per RFC 4180", () => {
    expect(escapeTextCell('Joe\'s "Best", Pizza')).toBe('"Joe\'s ""Best"", Pizza"');
    expect(escapeTextCell("two\nlines")).toBe('"two\nlines"');
  });

  // Issue 11: a spreadsheet set to semicolons split "x;=1+1" and ran the second cell.
  it("quotes a cell holding a semicolon, so a semicolon-separated reader keeps it one text cell", () => {
    expect(escapeTextCell("x;=1+1")).toBe('"x;=1+1"');
    expect(escapeTextCell("a; b")).toBe('"a; b"');
  });

  it("escapes a formula that also needs quoting", () => {
    expect(escapeTextCell("=1,2")).toBe("\"'=1,2\"");
  });

  it("streams a header and CRLF-terminated rows with a BOM for Excel", async () => {
    const chunks: string[] = [];
    for await (const chunk of exportCsv([row, { ...row, description: "=cmd", payee: "Bob", amountMinor: 500n, category: "Food" }])) {
      chunks.push(chunk);
    }
    expect(chunks.join("")).toBe(
      "\ufeffDate,Description,Payee,Amount,Category\r\n2024-01-15,COFFEE,,-12.34,\r\n2024-01-15,'=cmd,Bob,5.00,Food\r\n",
    );
  });

  it("round-trips through the importer", async () => {
    const { readCsvRows } = await import("./read-rows");
    const { detectMapping } = await import("./detect-mapping");
    let text = "";
    for await (const chunk of exportCsv([row, { ...row, date: "2024-01-16", description: "Salary, Jan", amountMinor: 250000n, category: "Income" }], { bom: false })) {
      text += chunk;
    }
    const { mapping } = detectMapping(text);
    const rows = [];
    for await (const result of readCsvRows([Buffer.from(text)], mapping)) if (result.row) rows.push(result.row);
    expect(rows.map((r) => [r.date, r.description, r.amountMinor, r.category])).toEqual([
      ["2024-01-15", "COFFEE", -1234n, null],
      ["2024-01-16", "Salary, Jan", 250000n, "Income"],
    ]);
  });
});
