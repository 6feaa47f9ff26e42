// One entry point for every statement format: picks the reader and the text encoding from the
// file's first bytes, and reads a zip of CAMT files as one stream. `open` gives the stored
// bytes from the start each time it is called (QIF reads the file twice: see read-qif.ts).

import { detectEncoding, isCsvFileError, type ByteSource, type CsvEncoding } from "../csv";
import { currencyDigits } from "../money";
import { detectImportFormat } from "./detect-format";
import { readCamt } from "./read-camt";
import { ofxEncoding, readOfx } from "./read-ofx";
import { readMt940 } from "./read-mt940";
import { readQif, surveyQif } from "./read-qif";
import { readZipEntries } from "./read-zip-entries";
import { StatementFileError } from "./statement-file-error";
import type { StatementFormat, StatementItem } from "./types";

function encodingOf(format: StatementFormat, head: Uint8Array): CsvEncoding {
  let encoding: CsvEncoding;
  try {
    encoding = detectEncoding(head);
  } catch (err) {
    if (isCsvFileError(err)) throw new StatementFileError("malformed_statement", err.message.replace(/CSV/g, "statement"));
    throw err;
  }
  if (format === "ofx" && encoding === "utf-8") {
    return ofxEncoding(Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 2048)).toString("latin1"));
  }
  return encoding;
}

/**
 * Every item of the statement file, in file order. Throws StatementFileError for a file it
 * cannot read. `currency` (the import's account's) gives amounts their decimals where the file
 * names no currency (QIF never does; OFX CURDEF, CAMT Ccy and MT940 :60F: win over it).
 */
export async function* readStatement(format: StatementFormat, open: () => ByteSource, head: Uint8Array, currency: string | null = null): AsyncGenerator<StatementItem> {
  if (detectImportFormat(head) === "zip") {
    if (format !== "camt053") throw new StatementFileError("invalid_archive", "Only CAMT.053 statements are read from a zip archive.");
    yield* readCamt(readZipEntries(open()), "utf-8", currency);
    return;
  }
  const encoding = encodingOf(format, head);
  switch (format) {
    case "ofx":
      yield* readOfx(open(), encoding, currency);
      return;
    case "camt053":
      yield* readCamt(open(), encoding, currency);
      return;
    case "mt940":
      yield* readMt940(open(), encoding, currency);
      return;
    case "qif": {
      const survey = await surveyQif(open(), encoding);
      yield* readQif(open(), encoding, survey, currencyDigits(currency));
      return;
    }
  }
}

/** The format of a zip archive's content: the first .xml entry's first bytes. */
export async function zipContentHead(source: ByteSource, bytes = 8 * 1024): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of readZipEntries(source)) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}
