// Turn the file's bytes into text chunk by chunk, in the encoding the mapping names, and stop
// with a clear file error on bytes that are not valid in it (instead of importing U+FFFD).

import { CsvFileError } from "./csv-file-error";
import { findInvalidUtf8 } from "./detect-encoding";
import type { CsvEncoding } from "./csv-types";

// Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1: 0x80 comes out as U+0080 instead
// of "€", and the same for every byte 0x80-0x9F. So those 32 bytes are mapped here (WHATWG
// table; the five unassigned bytes stay C1 controls, as WHATWG specifies).
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";
const C1_RANGE = /[\u0080-\u009f]/g;

export interface ChunkDecoder {
  /** Decodes the next chunk; `final` flushes a character cut by the end of the last chunk. */
  decode(chunk: Uint8Array, final?: boolean): string;
}

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return latin1.replace(C1_RANGE, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * A streaming decoder. UTF-8 (with or without a BOM; the BOM is dropped) and UTF-16 are
 * decoded with TextDecoder in fatal mode; invalid bytes throw CsvFileError "invalid_encoding"
 * with the line they are on. Windows-1252 has a character for every byte, so it cannot fail.
 */
export function createChunkDecoder(encoding: CsvEncoding): ChunkDecoder {
  if (encoding === "windows-1252") {
    return { decode: (chunk) => decodeWindows1252(chunk) };
  }
  const label = encoding === "utf-8-bom" ? "utf-8" : encoding;
  const decoder = new TextDecoder(label, { fatal: true });
  let bytesBefore = 0;
  let newlinesBefore = 0;
  return {
    decode(chunk, final = false) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: !final });
      } catch {
        throw invalidBytesError(encoding, chunk, bytesBefore, newlinesBefore);
      }
      bytesBefore += chunk.byteLength;
      newlinesBefore += countChar(text, "\n");
      return text;
    },
  };
}

function invalidBytesError(
  encoding: CsvEncoding,
  chunk: Uint8Array,
  bytesBefore: number,
  newlinesBefore: number,
): CsvFileError {
  const name = encoding.startsWith("utf-16") ? "UTF-16" : "UTF-8";
  let where = "";
  let line: number | undefined;
  if (name === "UTF-8") {
    // Continuation bytes at the chunk's start may belong to a character begun in the previous
    // chunk, so the search starts after them.
    let start = 0;
    while (start < 3 && start < chunk.length && (chunk[start] & 0xc0) === 0x80) start++;
    const index = findInvalidUtf8(chunk.subarray(start));
    const at = index === -1 ? chunk.length : start + index;
    line = newlinesBefore + 1 + countByte(chunk.subarray(0, at), 0x0a);
    where = ` at line ${line} (byte ${bytesBefore + at + 1})`;
  }
  const hint =
    name === "UTF-8"
      ? " It was probably saved as Windows-1252 (Latin-1): choose that encoding and try again."
      : "";
  return new CsvFileError("invalid_encoding", `The file is not valid ${name}${where}.${hint}`, line);
}

function countChar(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function countByte(bytes: Uint8Array, byte: number): number {
  let count = 0;
  for (let i = bytes.indexOf(byte); i !== -1; i = bytes.indexOf(byte, i + 1)) count++;
  return count;
}

/**
 * The start of the file as text for detectMapping: at most `maxLines` lines from the first
 * `maxBytes` bytes, cut after the last complete line (unless the file is shorter than that).
 * Never throws on invalid bytes: it decodes leniently, since the sample only guides detection.
 */
export function sampleText(
  head: Uint8Array,
  encoding: CsvEncoding,
  { maxLines = 200, maxBytes = 64 * 1024 }: { maxLines?: number; maxBytes?: number } = {},
): string {
  const bytes = head.subarray(0, maxBytes);
  const complete = head.length <= maxBytes;
  let text: string;
  if (encoding === "windows-1252") text = decodeWindows1252(bytes);
  else text = new TextDecoder(encoding === "utf-8-bom" ? "utf-8" : encoding).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let end = -1;
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    end = i;
    if (++lines >= maxLines) break;
  }
  if (lines >= maxLines || (!complete && end !== -1)) return text.slice(0, end + 1);
  return text;
}
