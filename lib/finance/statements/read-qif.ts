// QIF (Quicken Interchange Format): line-based records ending with "^", in sections opened by
// "!Type:…". Cash sections (Bank, CCard, Cash, Oth A, Oth L) are imported; investment,
// memorized-transaction, category and class lists are skipped record by record with the
// reason. "!Account" blocks name the account the next section belongs to.
//
// QIF dates come in several styles ("1/15'24", "01/15/2024", "15/01/2024", " 1/ 5/24") and
// never say which: like the CSV importer, a first pass over the whole file settles day-first
// or month-first with the CSV date tally (month-first, Quicken's US default, when every day
// is 12 or less), and the second pass reads the records.
//
// Splits ("S" category, "E" memo, "$" amount lines): when the parts add up to the total they
// are imported as separate rows, each with its own category and amount, so the category
// totals are right and the balance is unchanged; otherwise the transaction is imported whole
// with the category "Split" and a skipped note says why its parts were not kept.

import { DateFormatTally, parseAmount, parseDate, type ByteSource, type CsvEncoding, type NumberFormat, type RowIssue } from "../csv";
import { decodeSource } from "../csv/stream-records";
import { cleanText } from "./parse-statement-values";
import { StatementFileError } from "./statement-file-error";
import { BalanceTally } from "./tally-balances";
import type { StatementAccountType, StatementItem } from "./types";

const CASH_TYPES: Record<string, StatementAccountType> = {
  bank: "checking",
  ccard: "credit_card",
  cash: "cash",
  "oth a": "savings",
  "oth l": "loan",
};

const SKIPPED_TYPES: Record<string, string> = {
  invst: "investment transactions (!Type:Invst) are not imported: Tallyboard keeps cash accounts",
  memorized: "memorized transactions (!Type:Memorized) are templates, not transactions",
  cat: "category list (!Type:Cat), not a transaction",
  class: "class list (!Type:Class), not a transaction",
  prices: "security prices (!Type:Prices), not a transaction",
  security: "security list (!Type:Security), not a transaction",
};

interface QifRecord {
  line: number;
  fields: [string, string][];
}

/** "1/15'24" → "1/15/24"; " 1/ 5/2024" → "1/5/2024"; "01-15-2024" stays. */
export function normalizeQifDate(text: string): string {
  return text.replace(/\s+/g, "").replace(/'/g, "/");
}

async function* records(source: ByteSource, encoding: CsvEncoding): AsyncGenerator<{ section: string | null; account: string | null; record: QifRecord } | { header: string; line: number }> {
  let rest = "";
  let line = 0;
  let section: string | null = null;
  let account: string | null = null;
  let inAccountBlock = false;
  let current: QifRecord | null = null;
  for await (const text of decodeSource(source, encoding)) {
    const lines = (rest + text).split(/\r\n|\n|\r/);
    rest = lines.pop()!;
    for (const raw of lines) {
      line++;
      const l = raw.trimEnd();
      if (l === "") continue;
      if (l.startsWith("!")) {
        const header = l.slice(1).trim();
        const lower = header.toLowerCase();
        if (lower === "account") {
          inAccountBlock = true;
          section = null;
        } else if (lower.startsWith("type:")) {
          section = lower.slice(5).trim();
          inAccountBlock = false;
        }
        current = null;
        yield { header, line };
        continue;
      }
      if (l === "^") {
        if (current && !inAccountBlock) yield { section, account, record: current };
        current = null;
        if (inAccountBlock) inAccountBlock = false;
        continue;
      }
      current ??= { line, fields: [] };
      const code = l[0];
      const value = l.slice(1).trim();
      if (inAccountBlock) {
        if (code === "N") account = value || null;
        continue;
      }
      current.fields.push([code, value]);
    }
  }
  if (rest.trim() !== "" && rest.trim() !== "^") {
    line++;
    current ??= { line, fields: [] };
    const l = rest.trimEnd();
    if (!inAccountBlock) current.fields.push([l[0], l.slice(1).trim()]);
  }
  if (current && current.fields.length > 0) yield { section, account, record: current };
}

export interface QifSurvey {
  dateFormat: string;
  numberFormat: NumberFormat;
  /** True when every day was 12 or less and month-first was assumed. */
  ambiguous: boolean;
}

const US: NumberFormat = { decimalSeparator: ".", thousandsSeparator: "," };
const EU: NumberFormat = { decimalSeparator: ",", thousandsSeparator: "." };

/** The first pass: the date style and the number format over every record of the file. */
export async function surveyQif(source: ByteSource, encoding: CsvEncoding): Promise<QifSurvey> {
  const tally = new DateFormatTally();
  let us = 0;
  let eu = 0;
  let sawHeader = false;
  for await (const item of records(source, encoding)) {
    if ("header" in item) {
      sawHeader = true;
      continue;
    }
    for (const [code, value] of item.record.fields) {
      if (code === "D") tally.add(normalizeQifDate(value));
      else if (code === "T" || code === "U" || code === "$") {
        if (parseAmount(value, US).ok) us++;
        if (parseAmount(value, EU).ok) eu++;
      }
    }
  }
  if (!sawHeader) throw new StatementFileError("invalid_header", "The QIF file has no !Type: line naming its section (e.g. !Type:Bank).");
  const result = tally.result({ dayFirst: null });
  return { dateFormat: result.format ?? "MM/DD/YYYY", numberFormat: eu > us ? EU : US, ambiguous: result.ambiguous };
}

/** Every statement item of a QIF file, read with the survey's formats. */
export async function* readQif(source: ByteSource, encoding: CsvEncoding, survey: QifSurvey, digits = 2): AsyncGenerator<StatementItem> {
  const tally = new BalanceTally();
  let opening: { date: string; amountMinor: bigint } | null = null;
  let announced: string | null = null;
  for await (const item of records(source, encoding)) {
    if ("header" in item) continue;
    const { section, account, record } = item;
    const raw = record.fields.map(([c, v]) => `${c}${v}`).join(" | ").slice(0, 500);
    if (section === null || !(section in CASH_TYPES)) {
      const reason = section === null ? "a record before any !Type: line" : (SKIPPED_TYPES[section] ?? `!Type:${section} is not a cash account section`);
      yield { kind: "issue", issue: { line: record.line, kind: "skipped", reason, raw } };
      continue;
    }
    if (account && announced !== `${account}|${section}`) {
      announced = `${account}|${section}`;
      yield { kind: "account", account: { number: account, currency: null, type: CASH_TYPES[section], institution: null } };
    }
    const get = (code: string) => record.fields.find(([c]) => c === code)?.[1];
    const issue = (reason: string, kind: RowIssue["kind"] = "error"): StatementItem => ({ kind: "issue", issue: { line: record.line, kind, reason, raw } });
    const dateText = get("D");
    const date = dateText ? parseDate(normalizeQifDate(dateText), survey.dateFormat) : null;
    if (!date || !date.ok) {
      yield issue(dateText ? `the date "${dateText}" is not a ${survey.dateFormat} date${date && !date.ok ? `: ${date.reason}` : ""}` : "the record has no D (date) line");
      continue;
    }
    const amountText = get("T") ?? get("U");
    const amount = amountText !== undefined ? parseAmount(amountText, survey.numberFormat, digits) : null;
    if (!amount || !amount.ok || amount.minor === null) {
      yield issue(amountText !== undefined ? `the amount "${amountText}" is not a number${amount && !amount.ok ? `: ${amount.reason}` : ""}` : "the record has no T (amount) line");
      continue;
    }
    const payee = cleanText(get("P")) || null;
    const memo = cleanText(get("M"));
    const category = cleanText(get("L")) || null;
    // Quicken writes the opening balance as a first record paying the account itself: "[Checking]".
    if (payee?.toLowerCase() === "opening balance" && category?.startsWith("[")) {
      opening = { date: date.date, amountMinor: amount.minor };
      yield issue("opening balance (kept as the statement's opening balance, not a transaction)", "skipped");
      continue;
    }
    const description = [payee ?? "", memo].filter((t) => t !== "").join(" ") || (get("N") ?? "");
    const base = { line: record.line, date: date.date, payee, balanceMinor: null, bankId: null, accountNumber: account };
    const splits = splitsOf(record, survey.numberFormat, digits);
    if (splits.length > 1 && splits.every((s) => s.amountMinor !== null) && splits.reduce((sum, s) => sum + s.amountMinor!, 0n) === amount.minor) {
      for (const [i, s] of splits.entries()) {
        tally.add(date.date, s.amountMinor!);
        const text = [description, s.memo].filter((t) => t !== "").join(" – ");
        yield { kind: "row", row: { ...base, description: `${text} (split ${i + 1}/${splits.length})`, amountMinor: s.amountMinor!, category: categoryName(s.category) } };
      }
      continue;
    }
    tally.add(date.date, amount.minor);
    yield { kind: "row", row: { ...base, description, amountMinor: amount.minor, category: splits.length > 1 ? "Split" : categoryName(category) } };
  }
  const summary = tally.summary();
  if (summary.dateFrom === null && opening === null) return;
  yield {
    kind: "balances",
    // QIF states no closing balance: nothing to prove against, only the opening to start the account from.
    balances: { account: null, opening, closing: null, available: null, ...summary },
  };
}

/** "[Savings]" is a transfer to another account, not a category; "Food:Groceries" keeps its sub-category. */
function categoryName(category: string | null | undefined): string | null {
  if (!category || category.startsWith("[")) return null;
  return category;
}

function splitsOf(record: QifRecord, format: NumberFormat, digits: number): { category: string | null; memo: string; amountMinor: bigint | null }[] {
  const splits: { category: string | null; memo: string; amountMinor: bigint | null }[] = [];
  for (const [code, value] of record.fields) {
    if (code === "S") splits.push({ category: cleanText(value) || null, memo: "", amountMinor: null });
    else if (code === "E" && splits.length > 0) splits[splits.length - 1].memo = cleanText(value);
    else if (code === "$" && splits.length > 0) {
      const parsed = parseAmount(value, format, digits);
      splits[splits.length - 1].amountMinor = parsed.ok ? parsed.minor : null;
    }
  }
  return splits;
}
