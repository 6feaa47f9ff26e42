// Bytes in, CSV records out, one at a time: decode in the chosen encoding, split with
// csv-parse's streaming parser, and number each record by the physical line it starts on.
// Memory holds one chunk of the source and the records of one 64 KB slice of text, whatever
// the file's size.

import type { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { CsvFileError } from "./csv-file-error";
import { createChunkDecoder } from "./decode-text";
import type { CsvDelimiter, CsvEncoding } from "./csv-types";

/**
 * The longest record accepted, in bytes of its UTF-8 text. Real statement rows are well under
 * 2 KB; a record this long means a wrong delimiter, a quote that never closes, or a file that is
 * not a statement. Going over it is a file-level error ("record_too_large"), not a row error:
 * an unclosed quote swallows every row after it, and skipping that one "row" would silently
 * lose the rest of the file.
 */
export const MAX_RECORD_BYTES = 128 * 1024;

export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Readable;

async function* decodeSource(
  source: ByteSource,
  encoding: CsvEncoding,
): AsyncGenerator<string> {
  const decoder = createChunkDecoder(encoding);
  let first = true;
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    // A Readable with setEncoding() already gives text, possibly with the BOM still in it.
    let text = typeof chunk === "string" ? chunk : decoder.decode(chunk);
    if (first && text !== "") {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text !== "") yield text;
  }
  const rest = decoder.decode(new Uint8Array(0), true);
  if (rest !== "") yield rest;
}

// Text is fed to the parser in slices of at most this many characters, so the records waiting
// to be read never span more than one slice, whatever the size of the chunks the source gives.
const SLICE_CHARS = 64 * 1024;

/**
 * Every record of the file, blank lines included (as a single empty field), so that the caller
 * sees each line and can report it. Throws CsvFileError for encoding errors, an unclosed quote
 * and records over MAX_RECORD_BYTES, after yielding every record before the problem.
 *
 * The parser is driven by hand: write a slice, read every record it produced, yield them, and
 * only then pull the next chunk from the source. So memory holds one slice and its records,
 * and a slow consumer slows the reading of the file instead of filling a buffer.
 */
export async function* streamRecords(
  source: ByteSource,
  { encoding, delimiter }: { encoding: CsvEncoding; delimiter: CsvDelimiter },
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    // Mixed line endings happen (a preamble written separately, files joined by hand).
    record_delimiter: ["\r\n", "\n", "\r"],
    // Ragged rows are judged by the mapping, not rejected by the parser.
    relax_column_count: true,
    // A stray quote inside an unquoted value (Joe's "Best" Pizza) is kept as text.
    relax_quotes: true,
    skip_empty_lines: false,
    // The decoder already dropped the BOM; a U+FEFF left here would be data.
    bom: false,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Errors are read from parser.errored, which is set synchronously by the failing write; the
  // listener only keeps the 'error' event from being unhandled.
  parser.on("error", () => {});
  expectEveryRecordLength(parser);
  let nextLine = 1;

  function* drain(): Generator<CsvRecord> {
    let fields: string[] | null;
    while ((fields = parser.read() as string[] | null) !== null) {
      const line = nextLine;
      // A record ends with one line break; any other is inside a quoted field.
      nextLine += 1;
      for (const field of fields) if (field.length > 0 && hasLineBreak(field)) nextLine += countLineBreaks(field);
      yield { line, fields };
    }
    if (parser.errored) throw toFileError(parser.errored, nextLine);
  }

  try {
    for await (const text of decodeSource(source, encoding)) {
      for (let start = 0; start < text.length; ) {
        let end = Math.min(text.length, start + SLICE_CHARS);
        // Never split a surrogate pair: half an emoji would be re-encoded as U+FFFD.
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
        parser.write(start === 0 && end === text.length ? text : text.slice(start, end));
        yield* drain();
        start = end;
      }
    }
    parser.end();
    while (true) {
      yield* drain();
      if (parser.readableEnded) break;
      await new Promise<void>((resolve) => {
        const done = () => {
          for (const event of ["readable", "end", "error", "close"]) parser.off(event, done);
          resolve();
        };
        for (const event of ["readable", "end", "error", "close"]) parser.once(event, done);
      });
      if (parser.destroyed && !parser.errored && parser.readableLength === 0) break;
    }
  } catch (error) {
    throw toFileError(error, nextLine);
  } finally {
    parser.destroy();
  }
}

interface ParserInternals {
  api?: {
    state?: { record: unknown[]; expectedRecordLength: number };
    __onRecord?: (this: unknown, push: unknown) => unknown;
  };
}

/**
 * csv-parse builds a CsvError, with a JSON deep copy of its options and of the record, for every
 * record whose field count differs from the first record's, even under relax_column_count where
 * that error is then dropped. A 7-name header over rows that end with a delimiter (8 fields, as
 * Chase writes them) spent over half of the import's CPU there (bench/import). Widths are judged
 * by the mapping (apply-mapping.ts), not by the parser, so each record is declared to have the
 * expected length. Relies on csv-parse 7 internals; without them it changes nothing.
 */
function expectEveryRecordLength(parser: unknown): void {
  const api = (parser as ParserInternals).api;
  const onRecord = api?.__onRecord;
  if (!api?.state || typeof onRecord !== "function") return;
  const state = api.state;
  api.__onRecord = function (this: unknown, push: unknown) {
    state.expectedRecordLength = state.record.length;
    return onRecord.call(this, push);
  };
}

function hasLineBreak(text: string): boolean {
  return text.indexOf("\n") !== -1 || text.indexOf("\r") !== -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Line breaks in a text: CRLF, LF and a lone CR each count once. */
export function countLineBreaks(text: string): number {
  let count = 0;
  if (text.indexOf("\r") === -1) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    return count;
  }
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13) {
      count++;
      if (text.charCodeAt(k + 1) === 10) k++;
    }
  }
  return count;
}

/**
 * The record written back as CSV, for error reports: the file's own text is not kept (keeping
 * it would double the parser's work), and this reads the same.
 */
export function recordText(fields: string[], delimiter: CsvDelimiter): string {
  return fields
    .map((field) =>
      field.includes(delimiter) || field.includes('"') || hasLineBreak(field) ? `"${field.replace(/"/g, '""')}"` : field,
    )
    .join(delimiter);
}

function toFileError(error: unknown, line: number): unknown {
  if (error instanceof CsvFileError) return error;
  const code = (error as CsvError | undefined)?.code;
  if (code === "CSV_MAX_RECORD_SIZE") {
    return new CsvFileError(
      "record_too_large",
      `The record starting at line ${line} is longer than ${MAX_RECORD_BYTES / 1024} KB. ` +
        "Check the delimiter and that every opening quote is closed; a bank statement's rows are short.",
      line,
    );
  }
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    return new CsvFileError(
      "unclosed_quote",
      `The quote opened on line ${line} is never closed, so the rest of the file cannot be read reliably.`,
      line,
    );
  }
  if (typeof code === "string" && code.startsWith("CSV_")) {
    return new CsvFileError("malformed_csv", `The file is not valid CSV near line ${line}: ${(error as Error).message}`, line);
  }
  return error;
}
