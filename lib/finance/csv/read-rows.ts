// Stream a whole export through the confirmed mapping: one result per record, in file order,
// holding only the current chunk and record in memory. Also the survey pass: one cheap pass
// over the stored bytes that counts the rows (for progress) and settles the date format over
// every row rather than the first 200.

import { checkColumnsExist, compileMapping, normalizeRecord } from "./apply-mapping";
import { CsvFileError } from "./csv-file-error";
import type { StatementSection } from "./skip-rules";
import { compileDateFormat, parseDate } from "./parse-date";
import { DateFormatTally, type DateFormatResolution } from "./resolve-formats";
import { recordText, streamRecords, type ByteSource, type CsvRecord } from "./stream-records";
import type { DetectionWarning, ImportMapping, ReadResult } from "./csv-types";

export type { ByteSource } from "./stream-records";

/**
 * Every record after the preamble, as a NormalizedRow or a RowIssue (skipped or error), each
 * with the line it starts on. Preamble records (before the header) and blank lines are yielded
 * as skipped issues too, so every line of the file is accounted for; the header row itself is
 * not a row and yields nothing.
 *
 * File-level problems throw CsvFileError, possibly after some results were yielded: an invalid
 * mapping, a mapped column the file does not have, bytes that are not valid in the encoding, an
 * unclosed quote, a record over MAX_RECORD_BYTES, an empty file, or no data rows. The caller
 * must then import nothing from the file.
 */
export async function* readCsvRows(source: ByteSource, mapping: ImportMapping): AsyncGenerator<ReadResult> {
  const compiled = compileMapping(mapping);
  let width = mapping.columns.length;
  let index = 0;
  let dataRecords = 0;
  let headerSeen = false;
  const sections: { current: StatementSection | null } = { current: null };

  for await (const record of streamRecords(source, mapping)) {
    const i = index++;
    const blank = isBlank(record);
    if (i < mapping.skipRows) {
      if (i === mapping.headerRow) {
        headerSeen = true;
        checkHeader(record, mapping);
        checkColumnsExist(compiled, record.fields.length, "the header", record.line);
        width = Math.max(width, record.fields.length);
      } else {
        const reason = blank
          ? "blank line"
          : mapping.headerRow !== null && i < mapping.headerRow
            ? "statement preamble above the header row"
            : "before the first data row (skip rows)";
        yield skipped(record, mapping.delimiter, reason);
      }
      continue;
    }
    if (blank) {
      yield skipped(record, mapping.delimiter, "blank line");
      continue;
    }
    if (dataRecords++ === 0 && mapping.headerRow === null) {
      checkColumnsExist(compiled, record.fields.length, "the first row", record.line);
      width = Math.max(width, record.fields.length);
    }
    yield normalizeRecord(record, compiled, width, sections);
  }

  if (index === 0) throw new CsvFileError("empty_file", "The file is empty.");
  if (dataRecords === 0) {
    throw new CsvFileError(
      "no_data_rows",
      headerSeen ? "The file has a header but no transaction rows." : "The file has no transaction rows.",
    );
  }
}

/**
 * A saved mapping (a template) names its header; if this file's header is elsewhere or
 * different (the bank added a preamble line, renamed or moved a column), reading on would put
 * values in the wrong roles, so the file is refused and should be detected afresh.
 */
function checkHeader(record: CsvRecord, mapping: ImportMapping): void {
  if (!mapping.columnNames) return;
  const normalize = (names: string[]) => {
    const out = names.map((n) => n.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase());
    while (out.length > 0 && out[out.length - 1] === "") out.pop();
    return out.join("\u001f");
  };
  if (normalize(record.fields) === normalize(mapping.columnNames)) return;
  const expected = mapping.columnNames.filter((n) => n.trim() !== "").join(", ");
  throw new CsvFileError(
    "invalid_mapping",
    `Line ${record.line} is not the header the mapping expects (${expected.slice(0, 200)}): the file's layout differs, detect the mapping again.`,
    record.line,
  );
}

function isBlank(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === "");
}

function skipped(record: CsvRecord, delimiter: ImportMapping["delimiter"], reason: string): ReadResult {
  const raw = recordText(record.fields.slice(0, 500), delimiter);
  return {
    line: record.line,
    issue: { line: record.line, kind: "skipped", reason, raw: raw.length > 500 ? `${raw.slice(0, 500)}…` : raw },
    layout: true,
  };
}

export interface CsvSurvey {
  /** Non-blank records after the header: the rows the import will report on (for progress). */
  dataRows: number;
  /** The best date format over every row's date cell. */
  dateFormat: DateFormatResolution;
  /**
   * The mapping to import with: the given one, with its date format replaced when another
   * format reads strictly more of the file's dates (a warning says so).
   */
  mapping: ImportMapping;
  warnings: DetectionWarning[];
}

/**
 * One pass over the file: counts the data rows and re-resolves the date format over ALL of
 * them, so a file whose first 200 rows all have day <= 12 but whose row 500 says 25/01 is read
 * day-first. Keeps O(1) memory. Throws CsvFileError like readCsvRows.
 */
export async function surveyCsv(source: ByteSource, mapping: ImportMapping): Promise<CsvSurvey> {
  const compiled = compileMapping(mapping);
  const current = compileDateFormat(mapping.dateFormat)!;
  const tally = new DateFormatTally();
  let currentParsed = 0;
  let dataRows = 0;
  let index = 0;
  for await (const record of streamRecords(source, mapping)) {
    if (index++ < mapping.skipRows || isBlank(record)) continue;
    dataRows++;
    const value = record.fields[compiled.date] ?? "";
    tally.add(value);
    if (value.trim() !== "" && parseDate(value, current).ok) currentParsed++;
  }
  if (index === 0) throw new CsvFileError("empty_file", "The file is empty.");

  const dayFirst = /^D/.test(mapping.dateFormat) ? true : /^M/.test(mapping.dateFormat) ? false : null;
  const resolution = tally.result({ dayFirst });
  const warnings: DetectionWarning[] = [];
  let result = mapping;
  if (resolution.format && resolution.format !== mapping.dateFormat && resolution.parsed > currentParsed) {
    result = { ...mapping, dateFormat: resolution.format };
    warnings.push({
      code: "date_format_partial",
      message:
        `The whole file reads as ${resolution.format} (${resolution.parsed} dates) rather than ` +
        `${mapping.dateFormat} (${currentParsed}): the date format was changed to ${resolution.format}.`,
    });
  } else if (resolution.ambiguous) {
    warnings.push({
      code: "ambiguous_date_format",
      message:
        `Every date in the file has a day of 12 or less: it reads as ${mapping.dateFormat}, but ` +
        `${resolution.alternative ?? "the swapped format"} is possible too. Check a few dates in the preview.`,
    });
  }
  return { dataRows, dateFormat: resolution, mapping: result, warnings };
}

/**
 * Whether the date format is already settled by the given start of the file (see
 * DateFormatTally.settles): the mapping's format reads the most dates there and cannot be
 * confused with its day/month swap (year first, a month name, or a day over 12 seen). When it
 * is not (every day <= 12 so far, or another format reads more), the import surveys the whole
 * file first. `head` should end on a complete line; an error in it answers false.
 */
export async function headSettlesDateFormat(head: ByteSource, mapping: ImportMapping): Promise<boolean> {
  const tally = new DateFormatTally();
  let index = 0;
  try {
    const compiled = compileMapping(mapping);
    for await (const record of streamRecords(head, mapping)) {
      if (index++ < mapping.skipRows || isBlank(record)) continue;
      tally.add(record.fields[compiled.date] ?? "");
    }
  } catch (err) {
    if (err instanceof CsvFileError) return false;
    throw err;
  }
  return tally.settles(mapping.dateFormat);
}

/** The number of data rows (non-blank records after the header), for progress reporting. */
export async function countDataRows(source: ByteSource, mapping: ImportMapping): Promise<number> {
  let count = 0;
  let index = 0;
  for await (const record of streamRecords(source, mapping)) {
    if (index++ >= mapping.skipRows && !isBlank(record)) count++;
  }
  return count;
}
