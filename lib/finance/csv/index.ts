// The CSV importer's public API: detection for the preview, the survey and streaming read for
// the import job, fingerprints for de-duplication, export, and template keys.

export * from "./csv-types";
export { CsvFileError, isCsvFileError, type CsvFileErrorCode } from "./csv-file-error";
export { detectEncoding, ENCODING_SNIFF_BYTES } from "./detect-encoding";
export { sampleText } from "./decode-text";
export { detectCsv, detectMapping, DETECT_SAMPLE_LINES, MAX_COLUMNS } from "./detect-mapping";
export {
  resolveDateFormat,
  resolveNumberFormat,
  DateFormatTally,
  DATE_FORMATS,
  type DateFormatResolution,
  type NumberFormatResolution,
  type FormatHints,
} from "./resolve-formats";
export { parseAmount, NUMBER_FORMATS, describeNumberFormat, type AmountResult } from "./parse-amount";
export { parseDate, compileDateFormat, type DateResult } from "./parse-date";
export { validateMapping } from "./apply-mapping";
export { readCsvRows, surveyCsv, countDataRows, headSettlesDateFormat, type CsvSurvey, type ByteSource } from "./read-rows";
export { MAX_RECORD_BYTES } from "./stream-records";
export { SkipTally, skipKind, skipReason, type SkipCheck } from "./skip-rules";
export { fingerprint, fingerprintNormalized, canonicalDescription, OccurrenceCounter, type FingerprintInput } from "./fingerprint";
export { exportCsv, formatExportRow, escapeTextCell, EXPORT_HEADER, type ExportRow } from "./export-csv";
export { applyTemplate, headerKey, headerKeyForMapping } from "./header-key";
