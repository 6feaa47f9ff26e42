// Test support: run a file through the whole pipeline the import job uses (detect from the
// head, survey every row, stream the rows) with no manual change, and summarise the result.

import { createReadStream, readFileSync } from "node:fs";
import { formatAmount } from "../money";
import { detectCsv } from "./detect-mapping";
import { readCsvRows, surveyCsv } from "./read-rows";
import type { DetectionResult, ImportMapping, NormalizedRow, RowIssue } from "./csv-types";

export const FIXTURES = `${__dirname}/../../../tests/fixtures/csv`;

export interface ImportSummary {
  detection: DetectionResult;
  mapping: ImportMapping;
  surveyWarnings: string[];
  rows: NormalizedRow[];
  count: number;
  totalIn: string;
  totalOut: string;
  from: string | null;
  to: string | null;
  skipped: { line: number; reason: string }[];
  errors: { line: number; reason: string }[];
}

/**
 * Reads the fixture in tiny chunks (`chunkBytes`) so chunk boundaries fall inside multi-byte
 * characters, CRLF pairs and quoted fields, as they do in a real upload.
 */
export async function summarizeImport(name: string, chunkBytes = 37): Promise<ImportSummary> {
  const path = `${FIXTURES}/${name}`;
  const head = readFileSync(path).subarray(0, 64 * 1024);
  const detection = detectCsv(head);
  const open = () => createReadStream(path, { highWaterMark: chunkBytes });
  const survey = await surveyCsv(open(), detection.mapping);
  const rows: NormalizedRow[] = [];
  const issues: RowIssue[] = [];
  for await (const result of readCsvRows(open(), survey.mapping)) {
    if (result.row) rows.push(result.row);
    else issues.push(result.issue);
  }
  const sum = (keep: (minor: bigint) => boolean) =>
    formatAmount(rows.reduce((total, row) => (keep(row.amountMinor) ? total + row.amountMinor : total), 0n));
  const dates = rows.map((row) => row.date).sort();
  return {
    detection,
    mapping: survey.mapping,
    surveyWarnings: survey.warnings.map((w) => w.code),
    rows,
    count: rows.length,
    totalIn: sum((m) => m > 0n),
    totalOut: sum((m) => m < 0n),
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    skipped: issues.filter((i) => i.kind === "skipped").map(({ line, reason }) => ({ line, reason })),
    errors: issues.filter((i) => i.kind === "error").map(({ line, reason }) => ({ line, reason })),
  };
}
