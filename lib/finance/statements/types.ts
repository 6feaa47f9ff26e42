// The shapes every statement reader (OFX/QFX/QBO, QIF, CAMT.053, MT940) yields: the CSV
// importer's NormalizedRow with the bank's own id and the account it belongs to, the rows not
// imported with a reason, and the balances the statement states (for the balance proof).

import type { NormalizedRow, RowIssue } from "../csv";

export type StatementFormat = "ofx" | "qif" | "camt053" | "mt940";
/** What an upload is, by its content: a CSV export or one of the statement formats. */
export type ImportFormat = "csv" | StatementFormat;

export type StatementAccountType = "checking" | "savings" | "credit_card" | "cash" | "loan";

/** The account a statement names (OFX ACCTID, CAMT IBAN, MT940 :25:, QIF !Account N). */
export interface StatementAccount {
  /** The bank's account number or IBAN as written, whitespace removed: matches the app's account. */
  number: string;
  currency: string | null;
  type: StatementAccountType | null;
  /** The bank: OFX ORG/BANKID, CAMT BIC or servicer name, MT940 bank code. */
  institution: string | null;
}

export interface StatementRow extends NormalizedRow {
  /** FITID, AcctSvcrRef/NtryRef: the bank's id of the transaction, unique within the account. */
  bankId: string | null;
  /** statementAccount.number of the row's statement; null when the file names no account (QIF without !Account). */
  accountNumber: string | null;
}

export interface StatedBalance {
  /** "YYYY-MM-DD" */
  date: string;
  amountMinor: bigint;
}

/** The balances one statement in the file states, given after its last row. */
export interface StatementBalances {
  account: StatementAccount | null;
  /** CAMT OPBD/PRCD, MT940 60F/60M; for OFX derived from LEDGERBAL minus the statement's rows. */
  opening: StatedBalance | null;
  /** CAMT CLBD, MT940 62F/62M, OFX LEDGERBAL. */
  closing: StatedBalance | null;
  /** OFX AVAILBAL, CAMT CLAV, MT940 64: shown, never proved against. */
  available: StatedBalance | null;
  /** First and last booking date of the statement's rows (null without rows). */
  dateFrom: string | null;
  dateTo: string | null;
  /** The sum of the statement's booked rows, as read (opening + rows = closing when the file is whole). */
  rowsSumMinor: bigint;
}

/**
 * What a reader yields, in file order. `account` comes before the rows of a statement (a
 * file may hold several accounts), `balances` after them.
 */
export type StatementItem =
  | { kind: "account"; account: StatementAccount }
  | { kind: "row"; row: StatementRow }
  | { kind: "issue"; issue: RowIssue }
  | { kind: "balances"; balances: StatementBalances };
