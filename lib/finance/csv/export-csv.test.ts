import { describe, expect, it } from "vitest";
import { escapeTextCell, exportCsv, formatExportRow } from "./export-csv";

const row = { date: "2024-01-15", description: "COFFEE", payee: null, amountMinor: -1234n, category: null, account: null };

describe("export CSV", () => {
  it("writes the amount as a plain signed number, never escaped", () => {
    expect(formatExportRow(row)).toBe("2024-01-15,COFFEE,,-12.34,,");
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

  it("quotes a cell holding a semicolon", () => {
    expect(escapeTextCell("a; b")).toBe('"a; b"');
  });

  // Issue 11: a spreadsheet set to semicolons split "x;=1+1" and ran the second cell. Quoting
  // alone does not stop it: that reader honours a quote only at the start of its own cell, and
  // the description is not the line's first cell.
  it("neutralises a formula after a semicolon, so no cell of a semicolon-separated reading starts one", () => {
    expect(escapeTextCell("x;=1+1")).toBe("\"x;'=1+1\"");
    const attacks = ["x;=1+1", "a;=1+1+", ";b", "x; =cmd|' /C calc'!A0", 'x;"=1+1', "x;-2+3", "x;@SUM(A1)", "x;\t=1", "x;＝1", "=1;=2"];
    for (const description of attacks) {
      for (const payee of [null, ";b", 'q";=1']) {
        const line = formatExportRow({ ...row, description, payee, category: description, account: payee });
        for (const cell of readAsSemicolonSeparated(line)) {
          expect(cell, `${JSON.stringify(description)} / ${JSON.stringify(payee)} → ${line}`).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
        }
      }
    }
  });

  it("escapes a formula that also needs quoting", () => {
    expect(escapeTextCell("=1,2")).toBe("\"'=1,2\"");
  });

  it("streams a header and CRLF-terminated rows with a BOM for Excel", async () => {
    const chunks: string[] = [];
    for await (const chunk of exportCsv([row, { ...row, description: "=cmd", payee: "Bob", amountMinor: 500n, category: "Food", account: "Chase" }])) {
      chunks.push(chunk);
    }
    expect(chunks.join("")).toBe(
      "\ufeffDate,Description,Payee,Amount,Category,Account\r\n2024-01-15,COFFEE,,-12.34,,\r\n2024-01-15,'=cmd,Bob,5.00,Food,Chase\r\n",
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

/**
 * A line as a spreadsheet set to semicolon separators reads it: a new cell after every
 * semicolon, a quote special only at the start of a cell ("" inside is a quote; after the
 * closing quote the rest up to the next semicolon is taken as it is, as lenient readers do).
 */
function readAsSemicolonSeparated(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = "";
    if (line[i] === '"') {
      i += 1;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') {
          i += 1;
          break;
        } else cell += line[i++];
      }
    }
    while (i < line.length && line[i] !== ";") cell += line[i++];
    cells.push(cell);
    if (i >= line.length) return cells;
    i += 1;
  }
}
