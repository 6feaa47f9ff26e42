import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { countDataRows, headSettlesDateFormat, readCsvRows } from "./read-rows";
import type { ImportMapping, ReadResult } from "./csv-types";

const MAPPING: ImportMapping = {
  version: 1,
  encoding: "utf-8",
  delimiter: ",",
  headerRow: 0,
  skipRows: 1,
  columns: ["date", "description", "amount", "category"],
  // Without names the header row is not checked (these tests vary the header text).
  columnNames: null,
  dateFormat: "YYYY-MM-DD",
  decimalSeparator: ".",
  thousandsSeparator: ",",
  invertSign: false,
  direction: null,
};

async function read(source: Parameters<typeof readCsvRows>[0], mapping: ImportMapping = MAPPING): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readCsvRows(source, mapping)) results.push(result);
  return results;
}

const bytes = (text: string) => [Buffer.from(text)];
function* oneByteChunks(buffer: Buffer) {
  for (let i = 0; i < buffer.length; i++) yield buffer.subarray(i, i + 1);
}

describe("readCsvRows", () => {
  it("reports blank lines as skipped, with the line they are on", async () => {
    const results = await read(bytes("Date,Description,Amount,Category\n2024-01-02,A,-1.00,\n\n2024-01-03,B,2.00,\n"));
    expect(results.map((r) => [r.line, r.row ? "row" : r.issue!.reason])).toEqual([
      [2, "row"],
      [3, "blank line"],
      [4, "row"],
    ]);
  });

  it("numbers lines across mixed CRLF, LF and CR line endings", async () => {
    const results = await read(bytes("Date,Description,Amount,Category\r\n2024-01-02,A,-1.00,\n2024-01-03,B,2.00,\r2024-01-04,C,3.00,\r\n"));
    expect(results.map((r) => r.line)).toEqual([2, 3, 4]);
  });

  it("reads missing trailing fields as empty", async () => {
    const [result] = await read(bytes("Date,Description,Amount,Category\n2024-01-02,A,-1.00\n"));
    expect(result.row).toMatchObject({ amountMinor: -100n, category: null });
  });

  it("reports a row without its amount as an error", async () => {
    const [result] = await read(bytes("Date,Description,Amount,Category\n2024-01-02,A\n"));
    expect(result.issue).toMatchObject({ kind: "error", reason: "the amount is empty", raw: "2024-01-02,A" });
  });

  it("uses the payee as the description when the description is empty", async () => {
    const mapping: ImportMapping = { ...MAPPING, columns: ["date", "description", "amount", "payee"] };
    const [result] = await read(bytes("D,Desc,Amt,Payee\n2024-01-02,,-1.00,Tesco\n"), mapping);
    expect(result.row).toMatchObject({ description: "Tesco", payee: "Tesco" });
  });

  it("joins several description columns", async () => {
    const mapping: ImportMapping = { ...MAPPING, columns: ["date", "description", "amount", "description"] };
    const [result] = await read(bytes("D,Type,Amt,Purpose\n2024-01-02,LASTSCHRIFT,-1.00,Strom Januar\n"), mapping);
    expect(result.row?.description).toBe("LASTSCHRIFT Strom Januar");
  });

  it("reads the same rows from a Node Readable and from one-byte chunks", async () => {
    const text = "Date,Description,Amount,Category\n2024-01-02,Café ☕ 😀,-1.00,Café\n2024-01-03,Müller,2.00,\n";
    const whole = await read(Readable.from([Buffer.from(text)]));
    const split = await read(oneByteChunks(Buffer.from(text)));
    expect(split).toEqual(whole);
    expect(whole[0].row?.description).toBe("Café ☕ 😀");
  });

  it("keeps characters intact where a large chunk is sliced for the parser", async () => {
    const filler = "x".repeat(64 * 1024 - 13);
    const text = `Date,Description,Amount,Category\n2024-01-02,${filler}😀😀,-1.00,\n`;
    const [result] = await read(bytes(text));
    expect(result.row?.description.endsWith("😀😀")).toBe(true);
  });

  it("reads UTF-16LE files with a BOM", async () => {
    const text = "\ufeffDate,Description,Amount,Category\n2024-01-02,Zoë,-1.00,\n";
    const [result] = await read([Buffer.from(text, "utf16le")], { ...MAPPING, encoding: "utf-16le" });
    expect(result.row?.description).toBe("Zoë");
  });

  it("reports a direction value it does not know", async () => {
    const mapping: ImportMapping = { ...MAPPING, columns: ["date", "description", "amount", "direction"], direction: { out: ["Af"], in: ["Bij"] } };
    const results = await read(bytes("D,Desc,Amt,AfBij\n2024-01-02,A,1.00,af\n2024-01-03,B,2.00,Bij\n2024-01-04,C,3.00,Weg\n"), mapping);
    expect(results.map((r) => r.row?.amountMinor ?? r.issue?.reason)).toEqual([-100n, 200n, 'the direction "Weg" is not one of "Af", "Bij"']);
  });

  it("reports a row with both a debit and a credit", async () => {
    const mapping: ImportMapping = { ...MAPPING, columns: ["date", "description", "debit", "credit"] };
    const results = await read(bytes("D,Desc,Debit,Credit\n2024-01-02,A,1.00,2.00\n2024-01-03,B,-4.00,0.00\n"), mapping);
    expect(results[0].issue?.reason).toBe("both the debit and the credit column have an amount");
    expect(results[1].row?.amountMinor).toBe(-400n);
  });

  it("inverts amounts and balances with invertSign", async () => {
    const mapping: ImportMapping = { ...MAPPING, columns: ["date", "description", "amount", "balance"], invertSign: true };
    const [result] = await read(bytes("D,Desc,Amt,Bal\n2024-01-02,PURCHASE,12.00,512.00\n"), mapping);
    expect(result.row).toMatchObject({ amountMinor: -1200n, balanceMinor: -51200n });
  });

  it("reports the preamble of a headerless file as skipped rows", async () => {
    const mapping: ImportMapping = { ...MAPPING, headerRow: null, skipRows: 2, columnNames: null };
    const results = await read(bytes("Account 1234\nExported today\n2024-01-02,A,-1.00,\n"), mapping);
    expect(results.map((r) => r.issue?.reason ?? "row")).toEqual([
      "before the first data row (skip rows)",
      "before the first data row (skip rows)",
      "row",
    ]);
  });

  it("stops pulling from the source when the caller stops reading", async () => {
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        yield Buffer.from("Date,Description,Amount,Category\n");
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.from("2024-01-02,A,-1.00,\n");
        }
      } finally {
        closed = true;
      }
    }
    for await (const result of readCsvRows(source(), MAPPING)) {
      if (result.line === 3) break;
    }
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(10);
  });

  it("counts data rows for progress without the header and blank lines", async () => {
    expect(await countDataRows(bytes("Date,Description,Amount,Category\n2024-01-02,A,-1.00,\n\n2024-01-03,B,2.00,\n"), MAPPING)).toBe(2);
  });
});

describe("headSettlesDateFormat", () => {
  const file = (dates: string[]) => bytes(`Date,Description,Amount,Category\n${dates.map((d, i) => `${d},SHOP ${i},-1.00,`).join("\n")}\n`);
  const dmy: ImportMapping = { ...MAPPING, dateFormat: "DD/MM/YYYY" };
  const mdy: ImportMapping = { ...MAPPING, dateFormat: "MM/DD/YYYY" };

  it("settles a year-first format, and a day-first one once a day over 12 is seen", async () => {
    expect(await headSettlesDateFormat(file(["2024-01-02", "2024-01-03"]), MAPPING)).toBe(true);
    expect(await headSettlesDateFormat(file(["01/02/2024", "25/02/2024"]), dmy)).toBe(true);
    expect(await headSettlesDateFormat(file(["02/01/2024", "02/25/2024"]), mdy)).toBe(true);
    expect(await headSettlesDateFormat(file(["05 Mar 2024"]), { ...MAPPING, dateFormat: "DD MMM YYYY" })).toBe(true);
  });

  it("does not settle while every day could be a month, nor a format another reads better", async () => {
    expect(await headSettlesDateFormat(file(["01/02/2024", "03/04/2024"]), mdy)).toBe(false);
    // Day = month reads the same either way, but proves nothing about the rest of the file.
    expect(await headSettlesDateFormat(file(["01/01/2024", "02/02/2024"]), dmy)).toBe(false);
    // The mapping says month first, but the start of the file has a day first.
    expect(await headSettlesDateFormat(file(["25/02/2024", "01/03/2024"]), mdy)).toBe(false);
    expect(await headSettlesDateFormat(file(["2024-01-02"]), dmy)).toBe(false);
    expect(await headSettlesDateFormat(file([]), MAPPING)).toBe(false);
  });

  it("answers false for a head it cannot read rather than throwing", async () => {
    expect(await headSettlesDateFormat(bytes('Date,Description,Amount\n2024-01-02,"open,-1\n'), MAPPING)).toBe(false);
    expect(await headSettlesDateFormat(bytes("Date,Description,Amount\n2024-01-02,x,-1\n"), { ...MAPPING, columns: [] })).toBe(false);
  });
});

describe("a currency column", () => {
  const withCurrency: ImportMapping = { ...MAPPING, columns: ["date", "description", "amount", "currency"] };

  it("gives each row its currency code, upper-cased", async () => {
    const results = await read(bytes("Date,Description,Amount,Currency\n2024-01-02,A,-1.00,eur\n2024-01-03,B,2.00,\n"), withCurrency);
    expect(results.map((r) => r.row?.currency)).toEqual(["EUR", null]);
  });

  it("reports a value that is not a currency code as a row error", async () => {
    const [result] = await read(bytes("Date,Description,Amount,Currency\n2024-01-02,A,-1.00,Euro\n"), withCurrency);
    expect(result.issue).toMatchObject({ kind: "error", reason: expect.stringMatching(/"Euro" is not a currency code/) });
  });

  it("leaves rows of a file without one without a currency", async () => {
    const [result] = await read(bytes("Date,Description,Amount,Category\n2024-01-02,A,-1.00,\n"));
    expect(result.row).not.toHaveProperty("currency");
  });
});
