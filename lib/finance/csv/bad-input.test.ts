// Files that are not (good) bank exports: each gives a clear file-level CsvFileError or a row
// error with a reason, and nothing throws an unexplained exception or hangs.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CsvFileError } from "./csv-file-error";
import { detectCsv, detectMapping } from "./detect-mapping";
import { readCsvRows } from "./read-rows";
import { MAX_RECORD_BYTES } from "./stream-records";
import { FIXTURES, summarizeImport } from "./summarize-import";
import type { ImportMapping, ReadResult } from "./csv-types";

const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`);

const SIMPLE: ImportMapping = {
  version: 1,
  encoding: "utf-8",
  delimiter: ",",
  headerRow: 0,
  skipRows: 1,
  columns: ["date", "description", "amount"],
  columnNames: ["Date", "Description", "Amount"],
  dateFormat: "YYYY-MM-DD",
  decimalSeparator: ".",
  thousandsSeparator: ",",
  invertSign: false,
  direction: null,
};

async function readAll(source: Parameters<typeof readCsvRows>[0], mapping: ImportMapping): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for await (const result of readCsvRows(source, mapping)) results.push(result);
  return results;
}

async function fileError(promise: Promise<unknown>): Promise<CsvFileError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CsvFileError);
  return error as CsvFileError;
}

function syncFileError(run: () => unknown): CsvFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CsvFileError);
    return error as CsvFileError;
  }
  throw new Error("expected a CsvFileError");
}

describe("bad input", () => {
  it("an empty file is a file error at detection and at reading", async () => {
    expect(syncFileError(() => detectCsv(fixture("empty.csv"))).code).toBe("empty_file");
    expect((await fileError(readAll([fixture("empty.csv")], SIMPLE))).code).toBe("empty_file");
  });

  it("a header with no rows is a file error saying so", async () => {
    const detectError = syncFileError(() => detectCsv(fixture("header-only.csv")));
    expect(detectError.code).toBe("no_data_rows");
    expect(detectError.message).toBe("The file has a header but no transaction rows.");
    const readError = await fileError(readAll([fixture("header-only.csv")], SIMPLE));
    expect(readError.message).toBe("The file has a header but no transaction rows.");
  });

  it("a PNG is refused as an image before parsing", () => {
    const error = syncFileError(() => detectCsv(fixture("not-a-csv.png")));
    expect(error.code).toBe("binary_file");
    expect(error.message).toMatch(/PNG image, not a CSV file/);
  });

  it("Latin-1 bytes read as UTF-8 stop the import with the line of the first bad byte", async () => {
    const error = await fileError(readAll([fixture("latin1-not-utf8.csv")], SIMPLE));
    expect(error.code).toBe("invalid_encoding");
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/not valid UTF-8 at line 2.*Windows-1252/);
  });

  it("a file that is ASCII for its first 64 KB and Windows-1252 later fails clearly, not with mojibake", async () => {
    const head = "Date,Description,Amount\n" + "2024-02-01,COFFEE,-3.50\n".repeat(3000);
    const tail = Buffer.from("2024-02-02,Caf\xe9,-3.50\n", "latin1");
    const bytes = Buffer.concat([Buffer.from(head), tail]);
    const detection = detectCsv(bytes.subarray(0, 64 * 1024));
    expect(detection.mapping.encoding).toBe("utf-8");
    const error = await fileError(readAll([bytes], detection.mapping));
    expect(error.code).toBe("invalid_encoding");
    expect(error.line).toBe(3002);
  });

  it("a 10,000-column row is a row error; the rows around it import", async () => {
    const wide = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",");
    const text = `Date,Description,Amount\n2024-02-01,COFFEE,-3.50\n${wide}\n2024-02-03,PAYROLL,1000.00\n`;
    const detection = detectMapping(text);
    expect(detection.mapping.columns).toEqual(["date", "description", "amount"]);
    const results = await readAll([Buffer.from(text)], detection.mapping);
    expect(results.filter((r) => r.row).map((r) => r.line)).toEqual([2, 4]);
    const issue = results.find((r) => r.issue)!.issue!;
    expect(issue).toMatchObject({ line: 3, kind: "error" });
    expect(issue.reason).toMatch(/10000 fields but the file has 3 columns/);
    expect(issue.raw!.length).toBeLessThanOrEqual(501);
  });

  it("a single 5 MB line is a file error (record too large), streamed without hanging", async () => {
    async function* fiveMegabyteLine() {
      yield Buffer.from("Date,Description,Amount\n2024-02-01,COFFEE,-3.50\n");
      const block = Buffer.alloc(64 * 1024, "x");
      for (let sent = 0; sent < 5 * 1024 * 1024; sent += block.length) yield block;
      yield Buffer.from("\n2024-02-03,PAYROLL,1000.00\n");
    }
    const seen: ReadResult[] = [];
    const error = await fileError(
      (async () => {
        for await (const result of readCsvRows(fiveMegabyteLine(), SIMPLE)) seen.push(result);
      })(),
    );
    expect(error.code).toBe("record_too_large");
    expect(error.line).toBe(3);
    expect(error.message).toContain(`${MAX_RECORD_BYTES / 1024} KB`);
    expect(seen.map((r) => r.line)).toEqual([2]);
  });

  it("detection on the head of a file that is one huge line fails clearly", () => {
    const head = Buffer.alloc(64 * 1024, "x,");
    expect(syncFileError(() => detectCsv(head)).code).toMatch(/too_many_columns|no_data_rows/);
  });

  it("02/30/2024 is a row error naming the date; it is never rolled over or replaced", async () => {
    const s = await summarizeImport("impossible-date.csv");
    expect(s.mapping.dateFormat).toBe("MM/DD/YYYY");
    expect(s.errors).toEqual([
      { line: 3, reason: 'date "02/30/2024" does not exist: February 2024 has 29 days (format MM/DD/YYYY)' },
    ]);
    expect(s.rows.map((r) => r.date)).toEqual(["2024-02-27", "2024-03-01"]);
    expect(s.detection.confidence).toBeLessThan(0.8);
  });

  it("the amount 'abc' is a row error; the other rows import", async () => {
    const s = await summarizeImport("bad-amount.csv");
    expect(s.errors).toEqual([{ line: 3, reason: 'amount "abc" is not an amount' }]);
    expect(s.count).toBe(2);
  });

  it("a mapping that names a column the header does not have is a file error before any row", async () => {
    const mapping: ImportMapping = { ...SIMPLE, columns: ["date", "description", "ignore", "ignore", "ignore", "amount"] };
    const seen: ReadResult[] = [];
    const error = await fileError(
      (async () => {
        for await (const result of readCsvRows([fixture("bad-amount.csv")], mapping)) seen.push(result);
      })(),
    );
    expect(error.code).toBe("invalid_mapping");
    expect(error.message).toBe("The mapping uses column 6 (amount) but the header on line 1 has only 3 columns.");
    expect(seen).toEqual([]);
  });

  it("a mapping that names a missing column in a headerless file is a file error at the first row", async () => {
    const mapping: ImportMapping = { ...SIMPLE, headerRow: null, skipRows: 0, columns: ["date", "ignore", "ignore", "ignore", "ignore", "ignore", "amount"] };
    const error = await fileError(readAll([fixture("wells-fargo.csv")], { ...mapping, dateFormat: "MM/DD/YYYY" }));
    expect(error.message).toBe("The mapping uses column 7 (amount) but the first row on line 1 has only 5 columns.");
  });

  it("a saved mapping whose header is not where it expects it is a file error, not shifted columns", async () => {
    const text = "Account summary\nDate,Description,Amount\n2024-02-01,COFFEE,-3.50\n";
    const error = await fileError(readAll([Buffer.from(text)], SIMPLE));
    expect(error.code).toBe("invalid_mapping");
    expect(error.message).toMatch(/^Line 1 is not the header the mapping expects \(Date, Description, Amount\)/);
  });

  it("a mapping without a date column, or with an unknown date format, is refused with every reason", async () => {
    const mapping = { ...SIMPLE, columns: ["description", "description", "amount"], dateFormat: "QQ/WW" } as ImportMapping;
    const error = await fileError(readAll([fixture("bad-amount.csv")], mapping));
    expect(error.code).toBe("invalid_mapping");
    expect(error.message).toContain("no column is the date");
    expect(error.message).toContain('"QQ/WW" is not a date format');
  });

  it("a quote that never closes is a file error naming the line it opened on", async () => {
    const text = 'Date,Description,Amount\n2024-02-01,COFFEE,-3.50\n2024-02-02,"BROKEN,-1.00\n2024-02-03,PAYROLL,1000.00\n';
    const error = await fileError(readAll([Buffer.from(text)], SIMPLE));
    expect(error.code).toBe("unclosed_quote");
    expect(error.line).toBe(3);
  });

  it("an unquoted delimiter inside a value is a row error, not a silently shifted amount", async () => {
    const text = "Date,Description,Amount\n2024-02-01,SMITH, JOHN,-3.50\n";
    const results = await readAll([Buffer.from(text)], SIMPLE);
    expect(results[0].issue?.reason).toMatch(/4 fields but the file has 3 columns: a value probably contains an unquoted ","/);
  });

  it("text that is not CSV at all is a file error at detection", () => {
    expect(syncFileError(() => detectMapping("Dear customer,\nyour statement is attached.\n")).code).toBe("no_data_rows");
    expect(syncFileError(() => detectMapping("just one line with no separators\n")).code).toBe("malformed_csv");
  });
});

describe("validateMapping", () => {
  it("lists the problems of malformed mapping JSON without throwing", async () => {
    const { validateMapping } = await import("./apply-mapping");
    const garbage = [null, 42, {}, { version: 1, columns: "date" }, { ...SIMPLE, direction: { out: [1], in: "x" } }, { ...SIMPLE, columnNames: [3] }];
    for (const mapping of garbage) {
      const problems = validateMapping(mapping as unknown as ImportMapping);
      expect(problems.length, JSON.stringify(mapping)).toBeGreaterThan(0);
    }
    expect(validateMapping(SIMPLE)).toEqual([]);
  });
});
