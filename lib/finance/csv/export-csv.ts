// Write transactions back out as CSV that a spreadsheet opens safely.
//
// Text cells that start with = + - @, a tab or a carriage return (and their full-width forms)
// would be run as formulas by Excel, LibreOffice and Google Sheets ("CSV injection"), so they
// are prefixed with an apostrophe, which the spreadsheet shows as text. A cell holding a
// semicolon is quoted: a spreadsheet set to semicolon separators would otherwise split
// "x;=1+1" into a second cell that starts a formula. The amount column is
// written as a plain number ("-12.34", via formatAmount) and never escaped: spreadsheets read a
// bare "-12.34" as the number -12.34, not as a formula, so negative amounts stay numbers that
// can be summed. The date is ISO "YYYY-MM-DD", which no spreadsheet runs either.

import { formatAmount } from "../money";

export interface ExportRow {
  date: string;
  description: string;
  payee: string | null;
  amountMinor: bigint;
  category: string | null;
}

export const EXPORT_HEADER = ["Date", "Description", "Payee", "Amount", "Category"] as const;

const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** A text cell, neutralised against formulas and quoted when it holds a comma, semicolon, quote or line break. */
export function escapeTextCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return quoteIfNeeded(safe);
}

function quoteIfNeeded(value: string): string {
  return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line (without the line break) for a transaction. */
export function formatExportRow(row: ExportRow): string {
  return [
    quoteIfNeeded(row.date),
    escapeTextCell(row.description),
    escapeTextCell(row.payee ?? ""),
    formatAmount(row.amountMinor),
    escapeTextCell(row.category ?? ""),
  ].join(",");
}

/**
 * The export as text chunks (one per line, CRLF as RFC 4180 says), streaming: pipe it to the
 * response without building the file in memory. With `bom` (the default) the file starts with
 * a UTF-8 BOM so Excel on Windows reads accents correctly; our importer ignores it.
 */
export async function* exportCsv(
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>,
  { bom = true }: { bom?: boolean } = {},
): AsyncGenerator<string> {
  yield `${bom ? "\ufeff" : ""}${EXPORT_HEADER.join(",")}\r\n`;
  for await (const row of rows) yield `${formatExportRow(row)}\r\n`;
}
