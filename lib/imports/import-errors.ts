import { AppError } from "../errors";
import { MAX_COLUMNS, validateMapping, type ImportMapping } from "../finance/csv";

// The import's 4xx answers. The body's `error` is the sentence for the user and `code` the
// machine-readable reason (a CsvFileError code), as the import pages expect; `message` repeats
// the sentence like every other AppError answer.

/** A CsvFileError or a StatementFileError: the whole file is refused. */
export function fileRejected(err: { message: string; code: string; line?: number }): AppError {
  return new AppError("validation_failed", err.message, { error: err.message, code: err.code, ...(err.line ? { line: err.line } : {}) });
}

export function tooLarge(limitBytes: number): AppError {
  const message = `The file is larger than the ${formatBytes(limitBytes)} limit. Export a shorter date range and upload it in parts.`;
  return new AppError("payload_too_large", message, { error: message, limitBytes });
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** A mapping from the client (already parsed from JSON), checked; 422 with the problems in words. */
export function checkedMapping(input: unknown): ImportMapping {
  const problems =
    input === null || typeof input !== "object" || Array.isArray(input)
      ? ["the mapping must be an object"]
      : Array.isArray((input as ImportMapping).columns) && (input as ImportMapping).columns.length > MAX_COLUMNS
        ? [`the mapping has more than ${MAX_COLUMNS} columns`]
        : validateMapping(input as ImportMapping);
  if (problems.length > 0) {
    const message = `The column mapping cannot be used: ${problems.join("; ")}.`;
    throw new AppError("validation_failed", message, { error: message, code: "invalid_mapping", problems });
  }
  return input as ImportMapping;
}

/** The `mapping` form field: a JSON text. */
export function parseMappingField(text: string): ImportMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const message = "The column mapping is not valid JSON.";
    throw new AppError("validation_failed", message, { error: message, code: "invalid_mapping", problems: ["the mapping is not valid JSON"] });
  }
  return checkedMapping(parsed);
}
