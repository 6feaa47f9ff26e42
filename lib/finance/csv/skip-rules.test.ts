import { describe, expect, it } from "vitest";
import { sectionHeading, skipKind, skipReason, type SkipCheck } from "./skip-rules";

const row = (overrides: Partial<SkipCheck>): SkipCheck => ({
  cells: ["x"],
  date: "01/02/2024",
  description: "",
  payee: "",
  status: "",
  hasAmount: true,
  dateValid: true,
  ...overrides,
});

describe("skipReason", () => {
  it("skips blank lines, including lines of bare delimiters", () => {
    expect(skipReason(row({ cells: ["", " ", ""] }))).toBe("blank line");
  });

  it("skips opening and closing balance lines in five languages", () => {
    for (const description of [
      "Beginning balance as of 01/01/2024",
      "Closing Balance",
      "Balance brought forward",
      "Anfangssaldo",
      "Kontostand am 31.01.2024",
      "Alter Kontostand",
      "Solde au 31/01/2024",
      "Ancien solde",
      "Eindsaldo",
      "Saldo inicial",
    ]) {
      expect(skipReason(row({ description })), description).toBe("opening or closing balance line, not a transaction");
    }
  });

  it("skips a balance line whose label is in the date column", () => {
    expect(skipReason(row({ date: "Solde au 31/01/2024", dateValid: false }))).toBe(
      "opening or closing balance line, not a transaction",
    );
  });

  it("skips totals lines", () => {
    for (const description of ["Total", "Subtotal:", "Total debits", "Summe", "Totaal", "Total des opérations"]) {
      expect(skipReason(row({ description })), description).toBe("totals line, not a transaction");
    }
  });

  it("imports merchants whose names start like a summary line", () => {
    for (const description of ["TOTAL WINE & MORE #123", "NEW BALANCE ATHLETICS #0042", "SOLDES ZARA", "Balance Yoga Studio"]) {
      expect(skipReason(row({ description })), description).toBeNull();
    }
  });

  it("skips pending rows by status in several languages", () => {
    for (const status of ["PENDING", "Vorgemerkt", "en attente", "In behandeling", "Pendiente"]) {
      expect(skipReason(row({ status })), status).toMatch(/^pending transaction/);
    }
  });

  it("imports booked rows (status Gebucht, COMPLETED, Posted)", () => {
    for (const status of ["Gebucht", "COMPLETED", "Posted"]) expect(skipReason(row({ status }))).toBeNull();
  });

  it("skips declined and reverted rows: no money moved", () => {
    expect(skipReason(row({ status: "REVERTED" }))).toBe('reverted transaction (status "REVERTED"): no money moved');
    expect(skipReason(row({ status: "DECLINED" }))).toMatch(/^declined/);
  });

  it("skips a description marked pending", () => {
    expect(skipReason(row({ description: "PENDING - AMAZON MKTPLACE" }))).toBe("pending transaction, not yet booked");
  });

  it("skips a row with neither a date nor an amount", () => {
    expect(skipReason(row({ date: "", dateValid: false, hasAmount: false, description: "Account: 1234" }))).toBe(
      "no date and no amount: not a transaction",
    );
  });

  it("leaves a row with an amount but no date to be reported as an error", () => {
    expect(skipReason(row({ date: "", dateValid: false, description: "COFFEE" }))).toBeNull();
  });

  it("skips a section heading row, and reads the row after it alone when no section is carried", () => {
    const heading = row({ cells: ["Pending Transactions", "", "", ""], date: "Pending Transactions", dateValid: false, hasAmount: false });
    expect(skipReason(heading)).toBe('section heading ("Pending Transactions"), not a transaction');
    expect(skipReason(row({ description: "SHELL OIL" }))).toBeNull();
  });

  it("skips every row under a pending section as pending, and none under a posted one", () => {
    const pending = { label: "Pending Transactions", pending: true };
    expect(skipReason(row({ description: "SHELL OIL", section: pending }))).toBe(
      'pending transaction (under "Pending Transactions"), not yet booked',
    );
    expect(skipReason(row({ description: "SHELL OIL", section: { label: "Posted", pending: false } }))).toBeNull();
  });

  it("does not take a one-cell merchant row with an amount for a heading", () => {
    expect(sectionHeading({ cells: ["Posted", "12.00"], hasAmount: true })).toBeNull();
    expect(sectionHeading({ cells: ["Pending Transactions", "Pending Transactions"], hasAmount: false })).toEqual({
      label: "Pending Transactions",
      pending: true,
    });
    expect(sectionHeading({ cells: ["Posted transactions:"], hasAmount: false })?.pending).toBe(false);
    expect(sectionHeading({ cells: ["PENDING PAYMENTS LLC"], hasAmount: false })).toBeNull();
  });

  it("names the kind of a skip reason for counting", () => {
    expect(skipKind('pending transaction (status "PENDING"), not yet booked')).toBe("pending transaction");
    expect(skipKind("totals line, not a transaction")).toBe("totals line");
    expect(skipKind('section heading ("Posted Transactions"), not a transaction')).toBe("section heading");
  });
});
