// A statement file that cannot be read as a whole (cut short, a wrong header, an unknown
// version): nothing from it is imported. Problems with one entry are RowIssues, not this.

export type StatementFileErrorCode =
  | "unknown_format"
  | "truncated_file"
  | "invalid_header"
  | "unsupported_version"
  | "malformed_statement"
  | "no_transactions"
  | "invalid_archive";

export class StatementFileError extends Error {
  constructor(
    readonly code: StatementFileErrorCode,
    message: string,
    /** 1-based line the problem is on, when it has one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = "StatementFileError";
  }
}
