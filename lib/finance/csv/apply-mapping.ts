// One CSV record + the confirmed mapping → a NormalizedRow, or a RowIssue saying why not.
// Shared by the import (readCsvRows) and by detection, which scores a candidate mapping by how
// many sample rows it reads cleanly.

import { CsvFileError } from "./csv-file-error";
import { parseAmount } from "./parse-amount";
import { compileDateFormat, parseDate, type CompiledDateFormat } from "./parse-date";
import { sectionHeading, skipReason, type StatementSection } from "./skip-rules";
import { recordText, type CsvRecord } from "./stream-records";
import type { ColumnRole, ImportMapping, NumberFormat, ReadResult, RowIssue } from "./csv-types";

const ENCODINGS = ["utf-8", "utf-8-bom", "windows-1252", "utf-16le", "utf-16be"];
const DELIMITERS = [",", ";", "\t", "|"];
const ROLES: ColumnRole[] = [
  "date", "description", "payee", "amount", "debit", "credit", "direction", "fee", "category", "balance", "status", "currency", "ignore",
];
const RAW_LIMIT = 500;
const CURRENCY_CODE = /^[A-Z]{3}$/;

export interface CompiledMapping {
  mapping: ImportMapping;
  date: number;
  descriptions: number[];
  payee: number;
  amount: number;
  debit: number;
  credit: number;
  direction: number;
  fee: number;
  category: number;
  balance: number;
  status: number;
  currency: number;
  dateFormat: CompiledDateFormat;
  numberFormat: NumberFormat;
  /** Decimals of the account's currency (ISO 4217 minor units; 2 unless the mapping says). */
  digits: number;
  outValues: Set<string>;
  inValues: Set<string>;
  /** The highest column index with a role other than "ignore". */
  lastMapped: number;
}

/** Every reason the mapping cannot be used, in words for the user; [] when it is sound. */
export function validateMapping(mapping: ImportMapping): string[] {
  const problems: string[] = [];
  // The mapping arrives as JSON from the confirm API: check shapes before using any field.
  if (mapping === null || typeof mapping !== "object") return ["the mapping is missing"];
  if (mapping.version !== 1) problems.push("unknown mapping version (expected 1)");
  if (!ENCODINGS.includes(mapping.encoding)) problems.push(`unknown encoding "${String(mapping.encoding)}"`);
  if (!DELIMITERS.includes(mapping.delimiter)) problems.push(`unsupported delimiter ${JSON.stringify(mapping.delimiter)}`);
  const isIndex = (n: unknown) => Number.isInteger(n) && (n as number) >= 0;
  if (mapping.headerRow !== null && !isIndex(mapping.headerRow)) problems.push("headerRow must be a row index or null");
  if (!isIndex(mapping.skipRows)) problems.push("skipRows must be a whole number");
  else if (mapping.headerRow !== null && isIndex(mapping.headerRow) && mapping.skipRows <= mapping.headerRow) {
    problems.push("skipRows must be after the header row (data starts below the header)");
  }
  if (!Array.isArray(mapping.columns)) return [...problems, "columns must be a list of roles"];
  mapping.columns.forEach((role, i) => {
    if (!ROLES.includes(role)) problems.push(`column ${i + 1} has the unknown role "${String(role)}"`);
  });
  const count = (role: ColumnRole) => mapping.columns.filter((r) => r === role).length;
  if (count("date") !== 1) problems.push(count("date") === 0 ? "no column is the date" : "more than one column is the date");
  for (const role of ["payee", "amount", "debit", "credit", "direction", "fee", "category", "balance", "status", "currency"] as const) {
    if (count(role) > 1) problems.push(`more than one column is the ${role}`);
  }
  const hasAmount = count("amount") === 1;
  const hasDebitCredit = count("debit") + count("credit") > 0;
  if (!hasAmount && !hasDebitCredit) problems.push("no column is the amount (or debit/credit)");
  if (hasAmount && hasDebitCredit) problems.push("use either one amount column or debit/credit columns, not both");
  const texts = (list: unknown): list is string[] => Array.isArray(list) && list.every((v) => typeof v === "string");
  const d = mapping.direction;
  if (d != null && (typeof d !== "object" || !texts(d.out) || !texts(d.in))) {
    problems.push("direction must be null or { out: [...], in: [...] } of texts");
  } else if (count("direction") === 1) {
    if (!hasAmount) problems.push("a direction column needs an amount column");
    if (!d || d.out.every((v) => v.trim() === "") || d.in.every((v) => v.trim() === "")) {
      problems.push("the direction column needs the values meaning money out and money in");
    }
  }
  if (mapping.columnNames != null && !texts(mapping.columnNames)) problems.push("columnNames must be null or a list of texts");
  if (typeof mapping.dateFormat !== "string" || !compileDateFormat(mapping.dateFormat)) {
    problems.push(`"${String(mapping.dateFormat)}" is not a date format (use e.g. MM/DD/YYYY, DD.MM.YYYY, YYYY-MM-DD)`);
  }
  if (![".", ","].includes(mapping.decimalSeparator)) problems.push("the decimal separator must be . or ,");
  if (!["", ",", ".", " ", "'"].includes(mapping.thousandsSeparator)) problems.push("unsupported thousands separator");
  if (mapping.decimalSeparator === mapping.thousandsSeparator) problems.push("the decimal and thousands separators must differ");
  if (typeof mapping.invertSign !== "boolean") problems.push("invertSign must be true or false");
  return problems;
}

/** Validates and indexes the mapping; throws CsvFileError "invalid_mapping". */
export function compileMapping(mapping: ImportMapping): CompiledMapping {
  const problems = validateMapping(mapping);
  if (problems.length > 0) {
    throw new CsvFileError("invalid_mapping", `The column mapping cannot be used: ${problems.join("; ")}.`);
  }
  const at = (role: ColumnRole) => mapping.columns.indexOf(role);
  const fold = (values: string[]) => new Set(values.map((v) => v.trim().toLowerCase()));
  return {
    mapping,
    date: at("date"),
    descriptions: mapping.columns.flatMap((role, i) => (role === "description" ? [i] : [])),
    payee: at("payee"),
    amount: at("amount"),
    debit: at("debit"),
    credit: at("credit"),
    direction: at("direction"),
    fee: at("fee"),
    category: at("category"),
    balance: at("balance"),
    status: at("status"),
    currency: at("currency"),
    dateFormat: compileDateFormat(mapping.dateFormat)!,
    numberFormat: { decimalSeparator: mapping.decimalSeparator, thousandsSeparator: mapping.thousandsSeparator },
    digits: mapping.currencyDigits ?? 2,
    outValues: fold(mapping.direction?.out ?? []),
    inValues: fold(mapping.direction?.in ?? []),
    lastMapped: mapping.columns.reduce((last, role, i) => (role === "ignore" ? last : i), -1),
  };
}

/** A file-level error when the mapping uses a column the file does not have. */
export function checkColumnsExist(compiled: CompiledMapping, width: number, what: string, line: number): void {
  if (compiled.lastMapped < width) return;
  const role = compiled.mapping.columns[compiled.lastMapped];
  throw new CsvFileError(
    "invalid_mapping",
    `The mapping uses column ${compiled.lastMapped + 1} (${role}) but ${what} on line ${line} has only ${width} column${width === 1 ? "" : "s"}.`,
    line,
  );
}

/**
 * Reads one data record. `width` is the number of columns the file has (the header's, or the
 * mapping's without a header): extra non-empty fields past it are an error, since they mean a
 * value held an unquoted delimiter and every column after it is shifted. Missing trailing
 * fields read as empty.
 *
 * `sections` carries the statement section (a "Pending Transactions" heading) from one record
 * to the next when the caller reads a whole file in order; without it each record stands alone.
 */
export function normalizeRecord(
  record: CsvRecord,
  compiled: CompiledMapping,
  width: number,
  sections?: { current: StatementSection | null },
): ReadResult {
  const { fields, line } = record;
  const cell = (i: number) => (i >= 0 && i < fields.length ? fields[i] : "");
  const issue = (kind: RowIssue["kind"], reason: string): ReadResult => {
    const raw = recordText(fields.length > RAW_LIMIT ? fields.slice(0, RAW_LIMIT) : fields, compiled.mapping.delimiter);
    return { line, issue: { line, kind, reason, raw: raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}…` : raw } };
  };

  const dateText = cell(compiled.date).trim();
  const date = parseDate(dateText, compiled.dateFormat);
  const description = collapse(compiled.descriptions.map(cell).join(" "));
  const payee = collapse(cell(compiled.payee));
  const hasAmount = [compiled.amount, compiled.debit, compiled.credit].some((i) => cell(i).trim() !== "");
  const heading = sections ? sectionHeading({ cells: fields, hasAmount }) : null;
  if (heading) sections!.current = heading;
  const skip = skipReason({
    cells: fields,
    date: dateText,
    description,
    payee,
    status: cell(compiled.status),
    hasAmount,
    dateValid: date.ok,
    section: sections?.current ?? null,
  });
  if (skip) return issue("skipped", skip);

  if (fields.length > width) {
    const extra = fields.slice(width).some((f) => f.trim() !== "");
    if (extra) {
      const shown = compiled.mapping.delimiter === "\t" ? "tab" : `"${compiled.mapping.delimiter}"`;
      return issue(
        "error",
        `the row has ${fields.length} fields but the file has ${width} columns: a value probably contains an unquoted ${shown}`,
      );
    }
  }
  if (!date.ok) return issue("error", date.reason);

  const amount = readAmount(compiled, cell);
  if (typeof amount === "string") return issue("error", amount);

  let balance: bigint | null = null;
  if (compiled.balance >= 0) {
    const parsed = parseAmount(cell(compiled.balance), compiled.numberFormat, compiled.digits);
    if (!parsed.ok) return issue("error", `balance: ${parsed.reason}`);
    balance = parsed.minor;
  }
  let currency: string | null = null;
  if (compiled.currency >= 0) {
    const code = cell(compiled.currency).trim().toUpperCase();
    if (code !== "" && !CURRENCY_CODE.test(code)) return issue("error", `currency: "${cell(compiled.currency).trim()}" is not a currency code (e.g. USD, EUR)`);
    currency = code || null;
  }
  const invert = compiled.mapping.invertSign;
  const category = collapse(cell(compiled.category));
  return {
    line,
    row: {
      line,
      date: date.date,
      description: description || payee,
      payee: payee || null,
      amountMinor: invert ? -amount : amount,
      category: category || null,
      ...(compiled.currency >= 0 ? { currency } : {}),
      balanceMinor: balance !== null && invert ? -balance : balance,
    },
  };
}

/** The signed amount before invertSign, or the reason it cannot be read. */
function readAmount(compiled: CompiledMapping, cell: (i: number) => string): bigint | string {
  const format = compiled.numberFormat;
  let amount: bigint;
  if (compiled.amount >= 0) {
    const parsed = parseAmount(cell(compiled.amount), format, compiled.digits);
    if (!parsed.ok) return parsed.reason;
    if (parsed.minor === null) return "the amount is empty";
    amount = parsed.minor;
    if (compiled.direction >= 0) {
      const value = cell(compiled.direction).trim();
      const key = value.toLowerCase();
      if (amount < 0n) {
        return `the amount "${cell(compiled.amount).trim()}" has a sign, but the direction column already says which way the money went`;
      }
      if (compiled.outValues.has(key)) amount = -amount;
      else if (!compiled.inValues.has(key)) {
        const { out = [], in: into = [] } = compiled.mapping.direction ?? {};
        const expected = [...out, ...into].map((v) => `"${v}"`).join(", ");
        return value === ""
          ? "the direction (money out or in) is empty"
          : `the direction "${value}" is not one of ${expected}`;
      }
    }
  } else {
    const debit = compiled.debit >= 0 ? parseAmount(cell(compiled.debit), format, compiled.digits) : { ok: true as const, minor: null };
    if (!debit.ok) return `debit: ${debit.reason}`;
    const credit = compiled.credit >= 0 ? parseAmount(cell(compiled.credit), format, compiled.digits) : { ok: true as const, minor: null };
    if (!credit.ok) return `credit: ${credit.reason}`;
    if (debit.minor === null && credit.minor === null) return "neither the debit nor the credit column has an amount";
    // The column says which way the money went; the sign inside it is decoration, written
    // differently by each bank (Monzo's "Money Out" is negative, Citi's credits are negative).
    const out = abs(debit.minor ?? 0n);
    const into = abs(credit.minor ?? 0n);
    if (out !== 0n && into !== 0n) return "both the debit and the credit column have an amount";
    amount = into - out;
  }
  if (compiled.fee >= 0) {
    const fee = parseAmount(cell(compiled.fee), format, compiled.digits);
    if (!fee.ok) return `fee: ${fee.reason}`;
    // Revolut writes the fee as a positive number charged on top of the amount.
    if (fee.minor !== null) amount -= abs(fee.minor);
  }
  return amount;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
