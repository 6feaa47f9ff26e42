// The shapes shared by the CSV importer: the mapping a user confirms (saved as JSON with the
// import and as a template), the rows it produces and the rows it does not import.

/**
 * How the file's bytes become text. "utf-8-bom" is UTF-8 that starts with a byte order mark
 * (Excel writes one); "windows-1252" also covers Latin-1 (ISO-8859-1), of which it is a superset
 * in every printable position. UTF-16 is only recognised with its BOM.
 */
export type CsvEncoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le" | "utf-16be";

export type CsvDelimiter = "," | ";" | "\t" | "|";

/**
 * What a column means. A file has either one `amount` column (signed, or unsigned with a
 * `direction` column), or a `debit` and a `credit` column (money out / money in).
 * Several `description` columns are joined with a space, in column order; every other role
 * is used by at most one column.
 */
export type ColumnRole =
  | "date"
  | "description"
  | "payee"
  | "amount"
  | "debit"
  | "credit"
  /** Says whether an unsigned `amount` is money out or in (ING "Af Bij", Mint "Transaction Type"). */
  | "direction"
  /** A fee charged on top of the amount (Revolut "Fee"): subtracted from the amount. */
  | "fee"
  | "category"
  /** The running balance after the row; kept for checking, never summed. */
  | "balance"
  /** Rows whose status is pending / declined / reverted are skipped. */
  | "status"
  /** The row's ISO 4217 currency: a row in another currency than the account's is an error, never added. */
  | "currency"
  | "ignore";

export type DecimalSeparator = "." | ",";

/**
 * "" means no grouping. " " stands for any space used for grouping: the plain space, the
 * non-breaking space U+00A0, the narrow no-break space U+202F (French banks) and the thin
 * space U+2009.
 */
export type ThousandsSeparator = "" | "," | "." | " " | "'";

export interface NumberFormat {
  decimalSeparator: DecimalSeparator;
  thousandsSeparator: ThousandsSeparator;
}

/** The values of the `direction` column, compared trimmed and case-insensitively. */
export interface DirectionValues {
  /** Values meaning money out, e.g. ["Af"], ["debit"]. */
  out: string[];
  /** Values meaning money in, e.g. ["Bij"], ["credit"]. */
  in: string[];
}

/**
 * Everything needed to read one bank's export. JSON-serializable: the import job stores it,
 * the preview/confirm API returns it and accepts the user's edited copy, and a template keeps
 * it for the next file with the same header (see header-key.ts).
 */
export interface ImportMapping {
  version: 1;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  /**
   * 0-based index (among the file's CSV records, blank lines included) of the header row, or
   * null when the file has no header (Wells Fargo). Records before it are the statement's
   * preamble (Bank of America's summary block) and are reported as skipped.
   */
  headerRow: number | null;
  /**
   * 0-based index of the first data record: every record before it is the preamble or the
   * header. Detection sets it to headerRow + 1 (or to the preamble's length without a header).
   * When headerRow is not null it must be greater than headerRow.
   */
  skipRows: number;
  /** columns[i] is the role of column i (0-based); columns past the end are ignored. */
  columns: ColumnRole[];
  /** The header's names as found (for the preview and templates); null without a header. */
  columnNames: string[] | null;
  /**
   * Tokens YYYY, YY, MM/M, DD/D (one or two digits are accepted for either), MMM (a month
   * name or abbreviation in English, German, French, Dutch or Spanish), with the separators
   * between them: "MM/DD/YYYY", "DD/MM/YYYY", "YYYY-MM-DD", "DD.MM.YYYY", "YYYYMMDD",
   * "D/M/YY", "DD MMM YYYY", "MMM DD, YYYY". A time after the date is allowed and dropped.
   */
  dateFormat: string;
  decimalSeparator: DecimalSeparator;
  thousandsSeparator: ThousandsSeparator;
  /**
   * Decimals of the account's currency (ISO 4217 minor units: JPY 0, BHD 3); 2 when absent.
   * Set by the import from the account it writes to, not detected.
   */
  currencyDigits?: number;
  /**
   * Negate every amount (and balance) after reading: for exports where money out is positive,
   * e.g. Amex and most credit-card exports list purchases as positive numbers.
   */
  invertSign: boolean;
  /** Required when a column has the role "direction"; null otherwise. */
  direction: DirectionValues | null;
}

/** One transaction read from the file, in the app's conventions. */
export interface NormalizedRow {
  /** 1-based physical line of the file where the record starts. */
  line: number;
  /** Calendar date as written in the file (no time-zone shift), "YYYY-MM-DD". */
  date: string;
  /** Whitespace collapsed; "" when the file has none (then the payee is used if present). */
  description: string;
  payee: string | null;
  /** Minor units (cents); negative is money out. */
  amountMinor: bigint;
  category: string | null;
  balanceMinor: bigint | null;
  /** ISO 4217 code from a currency column (upper case); absent without one. */
  currency?: string | null;
}

/**
 * A record that is not imported. "skipped" is expected and harmless (a balance or totals
 * line, a pending transaction, a blank line, the preamble); "error" is a row the user should
 * look at (an impossible date, an amount that is not a number).
 */
export interface RowIssue {
  line: number;
  kind: "error" | "skipped";
  reason: string;
  /**
   * The record's fields joined with the delimiter and quoted where needed (what the line says),
   * cut to 500 characters, for the preview to show next to the reason.
   */
  raw?: string;
}

/** What readCsvRows yields for each record after the header: a row or an issue, never both. */
export type ReadResult =
  | { line: number; row: NormalizedRow; issue?: undefined }
  | {
      line: number;
      issue: RowIssue;
      row?: undefined;
      /** True for a preamble line or a blank line: not one of the file's data rows (surveyCsv's dataRows). */
      layout?: boolean;
    };

export interface DetectionWarning {
  code:
    | "ambiguous_date_format"
    | "ambiguous_number_format"
    | "date_format_partial"
    | "number_format_partial"
    | "no_header"
    | "roles_from_values"
    | "debit_credit_order_guessed"
    | "sign_inverted"
    | "no_description"
    | "low_confidence";
  message: string;
}

export interface DetectionResult {
  mapping: ImportMapping;
  /**
   * 0..1: the share of the sample's data rows that the mapping reads without an error,
   * lowered for each guess that the warnings explain. Below ~0.8 the preview should ask the
   * user to check the mapping.
   */
  confidence: number;
  warnings: DetectionWarning[];
}

/** The mapping form's words for invertSign; detection's note names the checkbox by them. */
export const INVERT_SIGN_LABEL = "Amounts are positive for purchases";
