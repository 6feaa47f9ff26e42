// Split the decoded sample into records for detection. The sample is the start of the file cut
// at a line boundary, so a quoted field may be cut too: the unfinished record is dropped rather
// than failing detection (the full read reports a real unclosed quote as a file error).

import { parse } from "csv-parse/sync";
import { countLineBreaks, type CsvRecord } from "./stream-records";
import type { CsvDelimiter } from "./csv-types";

export function splitSample(text: string, delimiter: CsvDelimiter): CsvRecord[] {
  const items = parse(text, {
    delimiter,
    record_delimiter: ["\r\n", "\n", "\r"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    bom: true,
  }) as string[][];
  const records: CsvRecord[] = [];
  let line = 1;
  for (const fields of items) {
    records.push({ line, fields });
    // A record ends with one line break; any other is inside a quoted field.
    line += 1 + fields.reduce((sum, field) => sum + countLineBreaks(field), 0);
  }
  return records;
}
