// A stable key for "the same kind of file": the same bank's export has the same header, so a
// mapping template saved for one file is applied automatically to the next file with this key.
// Only the header row counts, not the preamble above it (it holds dates and balances that
// change every month).

import { createHash } from "node:crypto";
import type { CsvDelimiter, ImportMapping } from "./csv-types";

/**
 * Names are normalized before hashing so cosmetic differences between two exports do not break
 * the match: Unicode NFKC, lower case, whitespace collapsed and trimmed, and empty trailing
 * names dropped (some exports end the header with a delimiter). Order, spelling and accents
 * still count: a different column order is a different file. Without a header the key is the
 * delimiter and the column count.
 */
export function headerKey(columnNames: string[] | null, delimiter: CsvDelimiter, columnCount = 0): string {
  const identity = columnNames
    ? { d: delimiter, h: trimTrailingEmpty(columnNames.map(normalizeName)) }
    : { d: delimiter, n: columnCount };
  const digest = createHash("sha256").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
  return `${columnNames ? "h1" : "n1"}:${digest}`;
}

export function headerKeyForMapping(mapping: ImportMapping): string {
  return headerKey(mapping.columnNames, mapping.delimiter, mapping.columns.length);
}

function normalizeName(name: string): string {
  return name.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function trimTrailingEmpty(names: string[]): string[] {
  let end = names.length;
  while (end > 0 && names[end - 1] === "") end--;
  return names.slice(0, end);
}

/**
 * The mapping for a new file from a saved template with the same header key: the user's
 * choices (roles, formats, sign, direction values) from the template, and where things are in
 * this file (encoding, header position, preamble length) from this file's detection, since a
 * statement's preamble can change length from one month to the next. Returns the detected
 * mapping unchanged when the keys differ.
 */
export function applyTemplate(detected: ImportMapping, template: ImportMapping): ImportMapping {
  if (headerKeyForMapping(detected) !== headerKeyForMapping(template)) return detected;
  return {
    ...template,
    encoding: detected.encoding,
    headerRow: detected.headerRow,
    skipRows: detected.skipRows,
    columnNames: detected.columnNames,
  };
}
