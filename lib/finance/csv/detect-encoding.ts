// Guess the text encoding of an uploaded file from its first bytes, and refuse files that are
// not text at all (a screenshot, a PDF statement, an .xlsx) before anything tries to parse them.

import { CsvFileError } from "./csv-file-error";
import type { CsvEncoding } from "./csv-types";

/** How much of the file the guess looks at. */
export const ENCODING_SNIFF_BYTES = 64 * 1024;

const MAGIC_NUMBERS: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  // .xlsx, .ods and .numbers files are ZIP archives.
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive or an Excel (.xlsx) workbook" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Excel 97-2003 (.xls) workbook" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive" },
];

/**
 * BOM → utf-8-bom (or UTF-16 by its BOM); valid UTF-8 → utf-8; anything else → windows-1252,
 * the encoding Excel and most European banks use for "CSV (Windows)" exports.
 * Throws CsvFileError "empty_file" or "binary_file".
 *
 * A file that is plain ASCII in its first 64 KB is called utf-8: if a later byte is not UTF-8
 * the read stops with a clear "invalid_encoding" error naming the line, rather than
 * windows-1252 silently turning later UTF-8 text into mojibake.
 */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  const bytes = head.subarray(0, ENCODING_SNIFF_BYTES);
  if (bytes.length === 0) throw new CsvFileError("empty_file", "The file is empty.");

  for (const magic of MAGIC_NUMBERS) {
    if (startsWith(bytes, magic.bytes)) {
      throw new CsvFileError(
        "binary_file",
        `This is ${magic.what}, not a CSV file. Export the transactions from your bank as CSV and upload that file.`,
      );
    }
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return "utf-8-bom";
  if (startsWith(bytes, [0xff, 0xfe])) return "utf-16le";
  if (startsWith(bytes, [0xfe, 0xff])) return "utf-16be";

  // No text encoding we accept without a BOM has NUL bytes; UTF-16 without a BOM would, and
  // so does every binary format.
  if (bytes.includes(0)) {
    throw new CsvFileError(
      "binary_file",
      "This file contains binary data (NUL bytes), not CSV text. If it is a UTF-16 text file, save it as UTF-8 and upload it again.",
    );
  }
  // The sniffed window may end in the middle of a character: that is not an error.
  const truncated = head.length > bytes.length;
  return findInvalidUtf8(bytes, truncated) === -1 ? "utf-8" : "windows-1252";
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/**
 * Index of the first byte that is not valid UTF-8 (overlong forms, surrogates and code points
 * above U+10FFFF are invalid), or -1. With `allowTruncatedEnd`, a sequence cut off by the end
 * of the buffer counts as valid.
 */
export function findInvalidUtf8(bytes: Uint8Array, allowTruncatedEnd = false): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    if (i + need >= n) {
      // The sequence runs past the end: check the continuation bytes that are there.
      if (!allowTruncatedEnd) return i;
      for (let k = 1; i + k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
      return -1;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
