// The statement importers' public API (OFX/QFX/QBO, QIF, CAMT.053, MT940): format detection,
// one streaming reader for all of them, and the balance proof. See README.md.

export * from "./types";
export { StatementFileError, type StatementFileErrorCode } from "./statement-file-error";
export { detectImportFormat, FORMAT_LABELS, FORMAT_SNIFF_BYTES, type DetectedFormat } from "./detect-format";
export { readStatement, zipContentHead } from "./read-statement";
export { parseField86 } from "./read-mt940";
export { normalizeQifDate } from "./read-qif";
export { parseStatementAmount } from "./parse-statement-values";
