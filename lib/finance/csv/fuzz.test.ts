// Arbitrary input must end in a result or a CsvFileError, never in an unexplained exception.

import { describe, expect, it } from "vitest";
import { CsvFileError } from "./csv-file-error";
import { detectCsv } from "./detect-mapping";
import { readCsvRows } from "./read-rows";
import type { ImportMapping } from "./csv-types";

// A small seeded PRNG (mulberry32) so failures reproduce.
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "\u00a0", "-", "(", ")", "+", "$", "€", "£",
  "12.50", "1,234.56", "1.234,56", "0", "abc", "Date", "Amount", "Betrag", "Af", "Bij", "debit", "Total",
  "01/02/2024", "25.12.2023", "2024-02-30", "20240115", "15 Jan 2024", "PENDING", "Ä", "😀", "\ufeff", "\u0000",
];

const CELLS = ["01/02/2024", "13/02/2024", "2024-01-15", "15.01.2024", "-12.50", "1,234.56", "(4.00)", "3,50", "COFFEE", "Tesco", "", "Af", "PENDING", "Total"];
const NAMES = ["Date", "Description", "Amount", "Balance", "Debit", "Credit", "Status", "Af Bij", "Payee", "Notes"];

/** Half the inputs are random pieces; half are tables with random cells, so detection succeeds too. */
function garbage(next: () => number): Buffer {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const parts: string[] = [];
  if (next() < 0.5) {
    const length = Math.floor(next() * 120);
    for (let i = 0; i < length; i++) parts.push(pick(PIECES));
  } else {
    const delimiter = pick([",", ";", "\t"]);
    const width = 2 + Math.floor(next() * 5);
    if (next() < 0.7) parts.push(Array.from({ length: width }, () => pick(NAMES)).join(delimiter), "\n");
    const rows = Math.floor(next() * 30);
    for (let r = 0; r < rows; r++) {
      const cells = Array.from({ length: width + (next() < 0.1 ? 1 : 0) }, () => (next() < 0.05 ? pick(PIECES) : pick(CELLS)));
      parts.push(cells.join(delimiter), next() < 0.1 ? "\r\n" : "\n");
    }
  }
  const text = Buffer.from(parts.join(""));
  // Sometimes flip random bytes so the encoding is wrong too.
  if (next() < 0.2) for (let i = 0; i < 3 && text.length > 0; i++) text[Math.floor(next() * text.length)] = Math.floor(next() * 256);
  return text;
}

const FALLBACK: ImportMapping = {
  version: 1,
  encoding: "utf-8",
  delimiter: ",",
  headerRow: null,
  skipRows: 0,
  columns: ["date", "description", "amount"],
  columnNames: null,
  dateFormat: "MM/DD/YYYY",
  decimalSeparator: ".",
  thousandsSeparator: ",",
  invertSign: false,
  direction: null,
};

describe("arbitrary input", () => {
  it("detects and reads 500 random files without an unexplained exception", async () => {
    const next = random(20240131);
    let detected = 0;
    for (let n = 0; n < 500; n++) {
      const bytes = garbage(next);
      let mapping = FALLBACK;
      try {
        mapping = detectCsv(bytes).mapping;
        detected++;
      } catch (error) {
        expect(error, `detect #${n}: ${JSON.stringify(bytes.toString("latin1"))}`).toBeInstanceOf(CsvFileError);
      }
      try {
        for await (const result of readCsvRows([bytes], mapping)) {
          expect(result.row ?? result.issue).toBeDefined();
          expect(result.line).toBeGreaterThan(0);
        }
      } catch (error) {
        expect(error, `read #${n}: ${JSON.stringify(bytes.toString("latin1"))}`).toBeInstanceOf(CsvFileError);
      }
    }
    expect(detected).toBeGreaterThan(0);
  }, 60_000);
});
