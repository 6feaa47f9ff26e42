// Every fixture is a real bank's export layout with invented values. Each is detected with no
// manual change and read in full; the expected counts and totals were computed independently
// of this code when the fixtures were written.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectMapping } from "./detect-mapping";
import { surveyCsv } from "./read-rows";
import { FIXTURES, summarizeImport } from "./summarize-import";

const reasonsByLine = (skipped: { line: number; reason: string }[]) => skipped.map((s) => [s.line, s.reason]);

describe("fixtures import with no manual change", () => {
  it("Chase checking: signed amounts, trailing comma on every data row, checks and deposit slips", async () => {
    const s = await summarizeImport("chase-checking.csv");
    expect(s.mapping.columns.slice(0, 6)).toEqual(["ignore", "date", "description", "amount", "ignore", "balance"]);
    expect(s.mapping.dateFormat).toBe("MM/DD/YYYY");
    expect(s.mapping.direction).toBeNull();
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([20, "5137.35", "-2118.41", "2024-01-02", "2024-01-31"]);
    expect(s.skipped).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(s.rows.find((r) => r.description.startsWith("AMAZON.COM*"))?.description).toBe(
      "AMAZON.COM*RT4K27HJ2, AMZN.COM/BILL WA 01/16",
    );
    expect(s.detection.confidence).toBe(1);
  });

  it("Bank of America: skips the summary preamble, the blank line and the beginning-balance row", async () => {
    const s = await summarizeImport("bank-of-america.csv");
    expect([s.mapping.headerRow, s.mapping.skipRows]).toEqual([6, 7]);
    expect(s.mapping.columns).toEqual(["date", "description", "amount", "balance"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([13, "4335.00", "-1454.00", "2024-01-02", "2024-01-30"]);
    expect(reasonsByLine(s.skipped)).toEqual([
      [1, "statement preamble above the header row"],
      [2, "statement preamble above the header row"],
      [3, "statement preamble above the header row"],
      [4, "statement preamble above the header row"],
      [5, "statement preamble above the header row"],
      [6, "blank line"],
      [8, "opening or closing balance line, not a transaction"],
    ]);
    expect(s.errors).toEqual([]);
    expect(s.rows[0].balanceMinor).toBe(238595n);
  });

  it("Wells Fargo: no header, every field quoted, '*' and check-number columns ignored", async () => {
    const s = await summarizeImport("wells-fargo.csv");
    expect(s.mapping.headerRow).toBeNull();
    expect(s.mapping.skipRows).toBe(0);
    expect(s.mapping.columns).toEqual(["date", "amount", "ignore", "ignore", "description"]);
    expect(s.detection.warnings.map((w) => w.code)).toContain("no_header");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([12, "3725.00", "-2113.71", "2024-01-03", "2024-01-31"]);
    expect(s.skipped).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(s.rows[0].line).toBe(1);
  });

  it("Capital One: separate Debit and Credit columns, ISO dates, category kept", async () => {
    const s = await summarizeImport("capital-one.csv");
    expect(s.mapping.columns).toEqual(["date", "ignore", "ignore", "description", "category", "debit", "credit"]);
    expect(s.mapping.dateFormat).toBe("YYYY-MM-DD");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([11, "525.99", "-830.13", "2024-01-02", "2024-01-30"]);
    expect(s.rows.find((r) => r.description === "CAPITAL ONE MOBILE PYMT")?.amountMinor).toBe(50000n);
    expect(s.rows[0].category).toBe("Dining");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("Amex: purchases positive, so the sign is inverted (with a warning) and the payment is money in", async () => {
    const s = await summarizeImport("amex.csv");
    expect(s.mapping.invertSign).toBe(true);
    expect(s.detection.warnings.map((w) => w.code)).toContain("sign_inverted");
    expect(s.mapping.columns).toEqual(["date", "description", "ignore", "ignore", "amount"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([10, "1512.99", "-1310.54", "2024-01-03", "2024-01-29"]);
    expect(s.rows.find((r) => r.description.startsWith("AUTOPAY"))?.amountMinor).toBe(150000n);
    expect(s.rows.find((r) => r.description === "MEMBERSHIP FEE")?.amountMinor).toBe(-69500n);
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("Mint: unsigned amounts with a debit/credit Transaction Type column, M/DD/YYYY dates", async () => {
    const s = await summarizeImport("mint.csv");
    expect(s.mapping.columns.slice(0, 6)).toEqual(["date", "description", "ignore", "amount", "direction", "category"]);
    expect(s.mapping.direction).toEqual({ out: ["debit"], in: ["credit"] });
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([10, "5000.23", "-1802.23", "2024-01-02", "2024-01-28"]);
    expect(s.rows.find((r) => r.description === "Amazon" && r.amountMinor < 0n)?.amountMinor).toBe(-104999n);
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("Revolut: date-times, the fee subtracted, pending and reverted rows skipped", async () => {
    const s = await summarizeImport("revolut.csv");
    expect(s.mapping.columns).toEqual([
      "ignore", "ignore", "date", "ignore", "description", "amount", "fee", "currency", "status", "balance",
    ]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([9, "2385.00", "-185.24", "2024-01-02", "2024-01-25"]);
    expect(s.rows.find((r) => r.description === "Exchanged to EUR")?.amountMinor).toBe(-10050n);
    expect(reasonsByLine(s.skipped)).toEqual([
      [8, 'reverted transaction (status "REVERTED"): no money moved'],
      [12, 'pending transaction (status "PENDING"), not yet booked'],
    ]);
    expect(s.errors).toEqual([]);
  });

  it("Monzo: payee from Name, the Amount column wins over Money Out/In, two identical same-day purchases both kept", async () => {
    const s = await summarizeImport("monzo.csv");
    const roles = s.mapping.columns;
    expect([roles[1], roles[4], roles[6], roles[7], roles[14], roles[16], roles[17]]).toEqual([
      "date", "payee", "category", "amount", "description", "ignore", "ignore",
    ]);
    expect(s.mapping.dateFormat).toBe("DD/MM/YYYY");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([9, "2115.00", "-304.16", "2024-01-02", "2024-01-27"]);
    const pret = s.rows.filter((r) => r.date === "2024-01-27" && r.payee === "Pret A Manger");
    expect(pret).toHaveLength(2);
    expect(s.rows.find((r) => r.payee === "Savings")?.description).toBe("pot_0000Xyz");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("Barclays: DD/MM/YYYY, Memo as the description with its tab collapsed", async () => {
    const s = await summarizeImport("barclays.csv");
    expect(s.mapping.columns).toEqual(["ignore", "date", "ignore", "amount", "ignore", "description"]);
    expect(s.mapping.dateFormat).toBe("DD/MM/YYYY");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([9, "2180.00", "-1898.88", "2024-01-03", "2024-01-31"]);
    expect(s.rows[0].description).toBe("TESCO STORES 3297 ON 30 JAN BCC");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("German bank: Windows-1252 bytes, semicolons, DD.MM.YYYY, 1.234,56, preamble and a pending row", async () => {
    const s = await summarizeImport("german-bank-cp1252.csv");
    expect(s.mapping.encoding).toBe("windows-1252");
    expect(s.mapping.delimiter).toBe(";");
    expect([s.mapping.dateFormat, s.mapping.decimalSeparator, s.mapping.thousandsSeparator]).toEqual(["DD.MM.YYYY", ",", "."]);
    expect(s.mapping.columnNames?.slice(3, 7)).toEqual(["Begünstigter/Auftraggeber", "Verwendungszweck", "Umsatztyp", "Betrag (€)"]);
    expect(s.mapping.columns.slice(0, 7)).toEqual(["date", "ignore", "status", "payee", "description", "ignore", "amount"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([9, "4529.56", "-1536.04", "2024-01-03", "2024-01-29"]);
    expect(s.rows.map((r) => r.payee)).toContain("Bäckerei Müller");
    // 0x96 is an en dash in Windows-1252 (Latin-1 would give a control character).
    expect(s.rows.find((r) => r.payee === "Deutsche Bahn")?.description).toBe("Fahrkarte Köln–München");
    expect(s.rows.find((r) => r.payee === "Arbeitgeber GmbH")?.amountMinor).toBe(325000n);
    expect(reasonsByLine(s.skipped)).toEqual([
      [1, "statement preamble above the header row"],
      [2, "statement preamble above the header row"],
      [3, "statement preamble above the header row"],
      [4, "blank line"],
      [6, 'pending transaction (status "Vorgemerkt"), not yet booked'],
    ]);
    expect(s.errors).toEqual([]);
  });

  it("ING Netherlands: YYYYMMDD dates, unsigned amounts signed by the Af Bij column", async () => {
    const s = await summarizeImport("ing-nl.csv");
    expect(s.mapping.dateFormat).toBe("YYYYMMDD");
    expect(s.mapping.columns[5]).toBe("direction");
    expect(s.mapping.columns[6]).toBe("amount");
    expect(s.mapping.columns[9]).toBe("balance");
    expect(s.mapping.direction).toEqual({ out: ["Af"], in: ["Bij"] });
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([8, "2862.50", "-13514.61", "2024-01-04", "2024-01-31"]);
    expect(s.rows[0]).toMatchObject({ date: "2024-01-31", description: "Albert Heijn 1234", amountMinor: -2345n });
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("French bank: Débit/Crédit columns, 1 234,56 with non-breaking and narrow spaces, closing balance skipped", async () => {
    const s = await summarizeImport("french-bank.csv");
    expect(s.mapping.delimiter).toBe(";");
    expect([s.mapping.dateFormat, s.mapping.decimalSeparator, s.mapping.thousandsSeparator]).toEqual(["DD/MM/YYYY", ",", " "]);
    expect(s.mapping.columns).toEqual(["date", "ignore", "description", "debit", "credit"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([10, "2495.67", "-2594.03", "2024-01-02", "2024-01-30"]);
    expect(s.rows.find((r) => r.description.includes("FNAC"))?.amountMinor).toBe(-105999n);
    expect(reasonsByLine(s.skipped)).toEqual([
      [1, "statement preamble above the header row"],
      [13, "opening or closing balance line, not a transaction"],
    ]);
    expect(s.errors).toEqual([]);
    expect(s.detection.warnings).toEqual([]);
  });

  it("Nationwide: Windows-1252 £ amounts, DD MMM YYYY dates, Paid out / Paid in, an account preamble", async () => {
    const s = await summarizeImport("nationwide-cp1252.csv");
    expect(s.mapping.encoding).toBe("windows-1252");
    expect([s.mapping.headerRow, s.mapping.dateFormat]).toEqual([4, "DD MMM YYYY"]);
    expect(s.mapping.columns).toEqual(["date", "ignore", "description", "debit", "credit", "balance"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([9, "2180.00", "-1898.88", "2024-01-03", "2024-01-31"]);
    expect(s.rows[0]).toMatchObject({ date: "2024-01-31", amountMinor: -2340n, balanceMinor: 345678n });
    expect(reasonsByLine(s.skipped)).toEqual([
      [1, "statement preamble above the header row"],
      [2, "statement preamble above the header row"],
      [3, "statement preamble above the header row"],
      [4, "blank line"],
    ]);
    expect(s.errors).toEqual([]);
  });

  it("UTF-8 with a BOM: the BOM is not part of the first column name and accents survive", async () => {
    const s = await summarizeImport("utf8-bom.csv");
    expect(s.mapping.encoding).toBe("utf-8-bom");
    expect(s.mapping.columnNames).toEqual(["Date", "Description", "Amount"]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([6, "3125.00", "-39.35", "2024-02-01", "2024-02-14"]);
    expect(s.rows.map((r) => r.description)).toContain("Crème brûlée & co");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("CRLF line endings: no carriage returns in values, lines numbered correctly", async () => {
    const s = await summarizeImport("crlf-line-endings.csv");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([6, "2400.00", "-1748.31", "2024-03-01", "2024-03-27"]);
    expect(s.rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(s.rows.every((r) => !/\r/.test(r.description))).toBe(true);
    expect(s.rows[5].balanceMinor).toBe(165169n);
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("credit union with Pending / Posted section headings: pending rows, headings and totals are skipped as such", async () => {
    const s = await summarizeImport("credit-union-sections.csv");
    expect(s.mapping.columns).toEqual(["date", "description", "amount", "balance"]);
    // Only the five posted rows: 2500.00 + 0.25 in, 84.37 + 4.50 + 15.49 out.
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([5, "2500.25", "-104.36", "2024-12-01", "2024-12-04"]);
    expect(reasonsByLine(s.skipped)).toEqual([
      [2, 'section heading ("Pending Transactions"), not a transaction'],
      [3, 'pending transaction (under "Pending Transactions"), not yet booked'],
      [4, 'pending transaction (under "Pending Transactions"), not yet booked'],
      [5, 'pending transaction (under "Pending Transactions"), not yet booked'],
      [6, "totals line, not a transaction"],
      [7, 'section heading ("Posted Transactions"), not a transaction'],
      [13, "totals line, not a transaction"],
    ]);
    expect(s.errors).toEqual([]);
  });

  it("multi-line quoted descriptions: each row keeps the line it starts on", async () => {
    const s = await summarizeImport("multiline-quoted.csv");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([5, "1545.00", "-230.24", "2024-04-02", "2024-04-15"]);
    expect(s.rows.map((r) => r.line)).toEqual([2, 4, 6, 7, 10]);
    expect(s.rows[0].description).toBe("AMAZON MKTPLACE PMTS ORDER 114-1234567-1234567");
    expect(s.rows[1].description).toBe('TRANSFER TO SAVINGS MEMO: "rainy day" fund');
    expect(s.rows[4].description).toBe("STARBUCKS, SEATTLE WA");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("parenthesized negatives, $ signs, a trailing minus and a leading plus", async () => {
    const s = await summarizeImport("parenthesized-negatives.csv");
    expect(s.rows.map((r) => r.amountMinor)).toEqual([-145000n, 231055n, -4520n, -8910n, 31200n, -475n, -1899n, 7n]);
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([8, "2622.62", "-1608.04", "2024-05-01", "2024-05-28"]);
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("DD/MM file whose first 21 rows all have day <= 12: the later 25/02 decides", async () => {
    const s = await summarizeImport("dd-mm-late-day.csv");
    expect(s.mapping.dateFormat).toBe("DD/MM/YYYY");
    expect([s.count, s.totalIn, s.totalOut, s.from, s.to]).toEqual([23, "2150.00", "-1076.60", "2024-02-01", "2024-02-26"]);
    expect(s.rows[0].date).toBe("2024-02-01");
    expect(s.rows[2].date).toBe("2024-02-02");
    expect([s.skipped, s.errors]).toEqual([[], []]);
  });

  it("DD/MM file: a sample of only the ambiguous rows is flagged, and the survey of the whole file corrects it", async () => {
    const path = `${FIXTURES}/dd-mm-late-day.csv`;
    const text = readFileSync(path, "utf8");
    const firstRows = text.split("\n").slice(0, 22).join("\n") + "\n";
    const detection = detectMapping(firstRows);
    expect(detection.mapping.dateFormat).toBe("MM/DD/YYYY");
    expect(detection.warnings.map((w) => w.code)).toContain("ambiguous_date_format");

    const survey = await surveyCsv([readFileSync(path)], detection.mapping);
    expect(survey.mapping.dateFormat).toBe("DD/MM/YYYY");
    expect(survey.dataRows).toBe(23);
    expect(survey.warnings[0].message).toContain("DD/MM/YYYY");
  });
});
