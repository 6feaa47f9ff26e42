// What an upload is, by its content and never by its name: banks send OFX as ".txt", CAMT as
// ".xml" or in a ".zip", MT940 as ".sta", ".mt940" or ".txt". Everything that is none of the
// statement formats is handed to the CSV detector, which has its own clear refusals.

import type { ImportFormat } from "./types";

export type DetectedFormat = ImportFormat | "zip";

/** The bytes looked at: every format announces itself within its first lines. */
export const FORMAT_SNIFF_BYTES = 8 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function detectImportFormat(head: Uint8Array): DetectedFormat {
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) return "zip";
  // Latin-1 reads every byte as one character: enough to find ASCII markers in any of the
  // encodings these formats use (UTF-8, Windows-1252, ISO-8859-1).
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, FORMAT_SNIFF_BYTES))
    .toString("latin1")
    .replace(/^\u00ef\u00bb\u00bf/, "");
  const start = text.trimStart();
  if (/^OFXHEADER\s*:/i.test(start) || /<\?OFX\b/i.test(text) || /<OFX>/i.test(text)) return "ofx";
  if (/^<\?xml\b/i.test(start) || /^<([\w.-]+:)?Document\b/.test(start)) {
    if (/camt\.\d{3}\.\d{3}\.\d{2}/.test(text) || /<([\w.-]+:)?BkToCstmrStmt\b/.test(text)) return "camt053";
  }
  if (/^!(Type|Account|Option|Clear)\b/i.test(start)) return "qif";
  if (/^(\{1:F0\d|:20:)/.test(start) || /^:940:\s*\r?\n/.test(start)) return "mt940";
  return "csv";
}

/** How a format is named to the user. */
export const FORMAT_LABELS: Record<ImportFormat, string> = {
  csv: "CSV",
  ofx: "OFX / QFX / QBO",
  qif: "QIF",
  camt053: "CAMT.053",
  mt940: "MT940",
};
