import { CsvFileError, SkipTally, readCsvRows, type ColumnRole, type DetectionWarning, type ImportMapping } from "../finance/csv";
import { streamRecords } from "../finance/csv/stream-records";
import { formatAmount, parseDecimalAmount } from "../finance/money";
import type { ImportView } from "./import-view";

// The preview: the first records of the file read exactly as the job will read them with a
// given mapping, the columns with a few sample values, and totals over those rows. It reads
// only the start of the file, so it answers in milliseconds whatever the file's size.

/** How much of the file the preview reads. */
export const PREVIEW_HEAD_BYTES = 256 * 1024;
export const PREVIEW_ROWS = 50;
const SAMPLES = 3;
const FEED_BYTES = 16 * 1024;

export interface PreviewColumn {
  index: number;
  name: string;
  role: ColumnRole;
  samples: string[];
}

export interface PreviewRow {
  line: number;
  date: string | null;
  description: string | null;
  payee: string | null;
  amount: string | null;
  category: string | null;
  issue: null | { kind: "error" | "skipped"; reason: string };
}

export interface PreviewSummary {
  rows: number;
  errors: number;
  skipped: number;
  /** The skipped rows by kind ("pending transaction", "section heading"), most first. */
  skippedKinds: { kind: string; count: number }[];
  totalIn: string;
  totalOut: string;
  dateFrom: string | null;
  dateTo: string | null;
}

export interface PreviewBody {
  columns: PreviewColumn[];
  rows: PreviewRow[];
  summary: PreviewSummary;
}

export interface Preview extends PreviewBody {
  import: ImportView;
  mapping: ImportMapping;
  detection: { confidence: number; warnings: DetectionWarning[] };
  templateApplied: boolean;
}

/**
 * The head cut after its last complete line, fed in small chunks; `exhausted()` tells whether
 * the reader got to the end of it (then an error may come from the cut, not from the file).
 */
function headSource(head: Uint8Array, complete: boolean, mapping: ImportMapping) {
  let bytes = head;
  if (!complete) {
    if (mapping.encoding === "utf-16le" || mapping.encoding === "utf-16be") {
      bytes = head.subarray(0, head.length - (head.length % 2));
    } else {
      const lastNewline = head.lastIndexOf(0x0a);
      if (lastNewline > 0) bytes = head.subarray(0, lastNewline + 1);
    }
  }
  let done = false;
  return {
    source: (function* () {
      for (let i = 0; i < bytes.length; i += FEED_BYTES) yield bytes.subarray(i, i + FEED_BYTES);
      done = true;
    })(),
    exhausted: () => done,
  };
}

/**
 * Reads the first PREVIEW_ROWS records of `head` with `mapping`. `complete` says whether `head`
 * is the whole file. Throws CsvFileError for a problem with the file or the mapping that shows
 * within the head (a real one: errors caused by cutting the file short are ignored).
 */
export async function readPreview(head: Uint8Array, complete: boolean, mapping: ImportMapping): Promise<PreviewBody> {
  const rows: PreviewRow[] = [];
  const reader = headSource(head, complete, mapping);
  try {
    for await (const result of readCsvRows(reader.source, mapping)) {
      if (result.row) {
        const r = result.row;
        rows.push({
          line: r.line,
          date: r.date,
          description: r.description,
          payee: r.payee,
          amount: formatAmount(r.amountMinor, mapping.currencyDigits ?? 2),
          category: r.category,
          issue: null,
        });
      } else {
        const { kind, reason } = result.issue;
        rows.push({ line: result.line, date: null, description: null, payee: null, amount: null, category: null, issue: { kind, reason } });
      }
      if (rows.length >= PREVIEW_ROWS) break;
    }
  } catch (err) {
    if (!(err instanceof CsvFileError) || complete || !reader.exhausted() || rows.length === 0) throw err;
  }
  return { columns: await readColumns(head, complete, mapping), rows, summary: summarize(rows, mapping.currencyDigits ?? 2) };
}

/**
 * The mapping with its header names as the file has them at its header row (none without a
 * header row): a client that moves the header row sends the old row's names, and the names are
 * what the columns are labelled with, what the header is checked against and what the
 * template's key is built from. Unchanged when the header row is not within `head`.
 */
export async function withFileHeader(head: Uint8Array, complete: boolean, mapping: ImportMapping): Promise<ImportMapping> {
  if (mapping.headerRow === null) return mapping.columnNames === null ? mapping : { ...mapping, columnNames: null };
  let index = 0;
  try {
    for await (const record of streamRecords(headSource(head, complete, mapping).source, mapping)) {
      if (index++ === mapping.headerRow) return { ...mapping, columnNames: record.fields.map((name) => name.trim()) };
    }
  } catch (err) {
    // A file the head cannot be read as: readPreview reports it.
    if (!(err instanceof CsvFileError)) throw err;
  }
  return mapping;
}

async function readColumns(head: Uint8Array, complete: boolean, mapping: ImportMapping): Promise<PreviewColumn[]> {
  const samples: string[][] = [];
  let width = Math.max(mapping.columns.length, mapping.columnNames?.length ?? 0);
  let index = 0;
  let taken = 0;
  try {
    for await (const record of streamRecords(headSource(head, complete, mapping).source, mapping)) {
      if (index++ < mapping.skipRows || record.fields.every((f) => f.trim() === "")) continue;
      width = Math.max(width, record.fields.length);
      record.fields.forEach((value, i) => (samples[i] ??= []).push(value));
      if (++taken >= SAMPLES) break;
    }
  } catch {
    // Samples are a courtesy: readCsvRows above already reported any real problem.
  }
  return Array.from({ length: width }, (_, i) => ({
    index: i,
    name: mapping.columnNames?.[i]?.trim() || `Column ${i + 1}`,
    role: mapping.columns[i] ?? "ignore",
    samples: (samples[i] ?? []).slice(0, SAMPLES),
  }));
}

function summarize(rows: PreviewRow[], digits: number): PreviewSummary {
  let totalIn = 0n;
  let totalOut = 0n;
  let count = 0;
  let errors = 0;
  let skipped = 0;
  const kinds = new SkipTally();
  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  for (const row of rows) {
    if (row.issue) {
      if (row.issue.kind === "error") errors++;
      else {
        skipped++;
        kinds.add(row.issue.reason);
      }
      continue;
    }
    count++;
    const minor = parseDecimalAmount(row.amount!, digits) ?? 0n;
    if (minor > 0n) totalIn += minor;
    else totalOut += minor;
    if (dateFrom === null || row.date! < dateFrom) dateFrom = row.date;
    if (dateTo === null || row.date! > dateTo) dateTo = row.date;
  }
  return { rows: count, errors, skipped, skippedKinds: kinds.entries(), totalIn: formatAmount(totalIn, digits), totalOut: formatAmount(totalOut, digits), dateFrom, dateTo };
}
