// Write transactions back out as CSV that a spreadsheet opens safely.
//
// Text cells that start with = + - @, a tab or a carriage return (and their full-width forms)
// would be run as formulas by Excel, LibreOffice and Google Sheets ("CSV injection"), so they
// are prefixed with an apostrophe, which the spreadsheet shows as text. A spreadsheet set to
// semicolon separators reads our commas as text and starts a new cell after every semicolon, and
// the quotes around a cell count only at the start of its cell there: "x;=1+1" in the
// description column becomes a cell "=1+1..." however it is quoted. So inside a text cell, a
// semicolon followed by a formula start (after any spaces or quotes) gets the apostrophe too:
// "x;'=1+1". Cells holding a semicolon are also quoted. The amount column is
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
  account: string | null;
}

export const EXPORT_HEADER = ["Date", "Description", "Payee", "Amount", "Category", "Account"] as const;

const FORMULA_CHARS = "=+\\-@\\t\\r\\uff1d\\uff0b\\uff0d\\uff20";
const FORMULA_START = new RegExp(`^[${FORMULA_CHARS}]`);
/** A semicolon where a semicolon-separated reader would start a cell that runs as a formula. */
const FORMULA_AFTER_SEMICOLON = new RegExp(`;(?=[ "]*[${FORMULA_CHARS}])`, "g");

/** A text cell, neutralised against formulas (also after a semicolon) and quoted when it holds a comma, semicolon, quote or line break. */
export function escapeTextCell(value: string): string {
  const safe = (FORMULA_START.test(value) ? `'${value}` : value).replace(FORMULA_AFTER_SEMICOLON, ";'");
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
    escapeTextCell(row.account ?? ""),
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
