// A problem with the file as a whole: nothing from it should be imported. Row-level problems
// are never thrown; they are yielded as RowIssue so one bad row does not stop the import.

export type CsvFileErrorCode =
  | "empty_file"
  | "binary_file"
  | "invalid_encoding"
  | "no_data_rows"
  | "too_many_columns"
  | "record_too_large"
  | "unclosed_quote"
  | "malformed_csv"
  | "invalid_mapping";

export class CsvFileError extends Error {
  constructor(
    readonly code: CsvFileErrorCode,
    message: string,
    /** 1-based line the problem starts at, when it has one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = "CsvFileError";
  }
}

export function isCsvFileError(error: unknown): error is CsvFileError {
  return error instanceof CsvFileError;
}
