// MT940 (SWIFT customer statement; German banks' variant with structured :86: sub-fields).
// Read line by line: a line starting with ":NN:" or ":NNa:" opens a field, any other line
// continues the field before it. Each :20: starts a statement; :60F:/:60M: and :62F:/:62M:
// are its opening and closing balances; each :61: is a transaction, described by the :86:
// that follows it. Envelope blocks ({1:…}{2:…}{4:) and the "-" or "-}" message end are skipped.
//
// MT940 gives no id unique to a transaction (the :61: bank reference is often NONREF or
// repeats), so rows are identified like CSV rows: date, amount, text, occurrence.

import type { ByteSource, CsvEncoding } from "../csv";
import { decodeSource } from "../csv/stream-records";
import { currencyDigits } from "../money";
import { cleanText, parseStatementAmount, parseSwiftDate } from "./parse-statement-values";
import { StatementFileError } from "./statement-file-error";
import { BalanceTally } from "./tally-balances";
import type { StatedBalance, StatementAccount, StatementItem } from "./types";

interface Field {
  tag: string;
  line: number;
  lines: string[];
}

interface PendingTransaction {
  line: number;
  raw: string;
  date: string;
  amountMinor: bigint;
  reversal: boolean;
  reference: string;
  details: string;
}

// value date YYMMDD, entry date MMDD, mark (C, D, RC reversal of credit, RD reversal of debit;
// EC/ED expected entries), funds code, amount with a decimal comma, type N/S/F + 3, references.
const LINE_61 = /^(\d{6})(\d{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d{1,15},\d{0,2})([NSF][A-Z0-9]{3})(.*)$/;
const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d{1,15},\d{0,2})$/;
const FIELD_START = /^:(\d{2}[A-Z]?):(.*)$/;

/** The German structured :86: ("166?00GUTSCHRIFT?20…?32NAME"): purpose ?20–?29 and ?60–?63, name ?32 ?33, booking text ?00. */
export function parseField86(text: string): { description: string; payee: string | null; bookingText: string | null } {
  const structured = /^\d{3}(\D)\d{2}/.exec(text);
  if (!structured) return { description: cleanText(text), payee: null, bookingText: null };
  const separator = structured[1];
  const parts = new Map<number, string>();
  for (const piece of text.slice(3).split(separator)) {
    if (piece.length < 2 || !/^\d{2}/.test(piece)) continue;
    const key = Number(piece.slice(0, 2));
    parts.set(key, (parts.get(key) ?? "") + piece.slice(2));
  }
  const join = (keys: number[]) => keys.map((k) => parts.get(k) ?? "").join("");
  let purpose = join([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63]);
  // SEPA purpose keys: the text after SVWZ+ is what the payer wrote; EREF+, KREF+, MREF+… are references.
  const svwz = /SVWZ\+(.*?)(?=(?:ABWA|ABWE|EREF|KREF|MREF|CRED|DEBT|COAM|OAMT|IBAN|BIC)\+|$)/.exec(purpose);
  if (svwz) purpose = svwz[1];
  const payee = cleanText(join([32, 33])) || null;
  const bookingText = cleanText(parts.get(0)) || null;
  return { description: cleanText(purpose) || payee || bookingText || "", payee, bookingText };
}

class Mt940Reader {
  readonly out: StatementItem[] = [];
  private field: Field | null = null;
  private line = 0;
  private rest = "";
  private statement: { account: StatementAccount | null; opening: StatedBalance | null; closing: StatedBalance | null; available: StatedBalance | null; tally: BalanceTally } | null = null;
  private pending: PendingTransaction | null = null;
  private statements = 0;

  /** `currency`: the one amounts are in when neither :25: nor :60F: names one (for its decimals). */
  constructor(private readonly currency: string | null = null) {}

  feed(text: string, final = false): void {
    const all = this.rest + text;
    const lines = all.split(/\r\n|\n|\r/);
    this.rest = final ? "" : lines.pop()!;
    for (const raw of lines) this.lineOf(raw);
  }

  end(): void {
    this.flushField();
    this.finishStatement();
    if (this.statements === 0) throw new StatementFileError("malformed_statement", "The MT940 file holds no statement (no :20: field).");
  }

  private lineOf(raw: string): void {
    this.line++;
    let text = raw;
    // SWIFT envelope: {1:F01…}{2:O940…}{4: on one line, "-}" at the end.
    if (text.startsWith("{")) {
      text = text.replace(/^(\{\d:[^{}]*\})*\{4:/, "").replace(/^(\{\d:[^{}]*\})+$/, "");
    }
    if (/^-\}?\s*$/.test(text) || /^\{5:/.test(text)) {
      this.flushField();
      return;
    }
    const start = FIELD_START.exec(text);
    if (start) {
      this.flushField();
      this.field = { tag: start[1], line: this.line, lines: [start[2]] };
      return;
    }
    if (this.field) this.field.lines.push(text);
    else if (text.trim() !== "" && this.statements === 0 && this.line > 3) {
      throw new StatementFileError("malformed_statement", `Line ${this.line} is not an MT940 field (":20:", ":61:"…): the file is not an MT940 statement.`, this.line);
    }
  }

  private flushField(): void {
    const field = this.field;
    this.field = null;
    if (!field) return;
    const value = field.lines.join("\n");
    switch (field.tag) {
      case "20":
        this.flushTransaction();
        this.finishStatement();
        this.statements++;
        this.statement = { account: null, opening: null, closing: null, available: null, tally: new BalanceTally() };
        break;
      case "25":
        if (this.statement) {
          const account = parseAccount(value, null);
          this.statement.account = account;
        }
        break;
      case "60F":
      case "60M":
        if (this.statement) {
          const balance = this.balance(field, value);
          this.statement.opening = balance.value;
          if (this.statement.account && !this.statement.account.currency) this.statement.account.currency = balance.currency;
          if (this.statement.account) this.out.push({ kind: "account", account: this.statement.account });
        }
        break;
      case "61":
        this.flushTransaction();
        this.transaction(field, value);
        break;
      case "86":
        if (this.pending) {
          // Structured sub-fields are cut at arbitrary places (lines of 65): joined as they are.
          this.pending.details = /^\d{3}\D\d{2}/.test(field.lines[0]) ? field.lines.join("") : field.lines.join(" ");
          this.flushTransaction();
        }
        break;
      case "62F":
      case "62M":
        this.flushTransaction();
        if (this.statement) this.statement.closing = this.balance(field, value).value;
        break;
      case "64":
        this.flushTransaction();
        if (this.statement) this.statement.available = this.balance(field, value).value;
        break;
      default:
        this.flushTransaction();
    }
  }

  private balance(field: Field, value: string): { value: StatedBalance; currency: string } {
    const m = BALANCE.exec(value.trim());
    const date = m ? parseSwiftDate(m[2]) : null;
    const amount = m ? parseStatementAmount(m[4], currencyDigits(m[3])) : null;
    if (!m || !date || amount === null) {
      throw new StatementFileError(
        "malformed_statement",
        `Line ${field.line}: the balance :${field.tag}:${value.trim()} does not read as C or D, a date YYMMDD, a currency and an amount with a decimal comma (e.g. C240131EUR1234,56).`,
        field.line,
      );
    }
    return { value: { date, amountMinor: m[1] === "D" ? -amount : amount }, currency: m[3] };
  }

  private transaction(field: Field, value: string): void {
    const [first, ...more] = value.split("\n");
    const raw = `:61:${value}`.slice(0, 500);
    const m = LINE_61.exec(first.trim());
    if (!m) {
      this.out.push({
        kind: "issue",
        issue: {
          line: field.line,
          kind: "error",
          reason: `the :61: line does not read as value date (YYMMDD), optional entry date (MMDD), C/D/RC/RD, amount with a decimal comma and a transaction type (e.g. 2401150115D12,50NTRFNONREF)`,
          raw,
        },
      });
      return;
    }
    const [, valueDate, entryDate, mark, , amountText, , reference] = m;
    const amount = parseStatementAmount(amountText, currencyDigits(this.statement?.account?.currency ?? this.currency));
    const date = bookingDate(valueDate, entryDate);
    if (amount === null || !date) {
      const reason = !date ? `the :61: date ${valueDate}${entryDate ?? ""} does not exist` : `the :61: amount ${amountText} is not a number`;
      this.out.push({ kind: "issue", issue: { line: field.line, kind: "error", reason, raw } });
      return;
    }
    // RC: a credit reversed (money out); RD: a debit reversed (money in).
    const out = mark === "D" || mark === "RC" || mark === "ED";
    this.pending = { line: field.line, raw, date, amountMinor: out ? -amount : amount, reversal: mark.startsWith("R"), reference: cleanText([reference, ...more].join(" ")), details: "" };
  }

  private flushTransaction(): void {
    const t = this.pending;
    if (!t) return;
    this.pending = null;
    const details = parseField86(t.details);
    let description = details.description || t.reference;
    if (t.reversal) description = `Reversal: ${description}`.trim();
    this.statement?.tally.add(t.date, t.amountMinor);
    this.out.push({
      kind: "row",
      row: {
        line: t.line,
        date: t.date,
        description,
        payee: details.payee,
        amountMinor: t.amountMinor,
        category: null,
        balanceMinor: null,
        bankId: null,
        accountNumber: this.statement?.account?.number ?? null,
      },
    });
  }

  private finishStatement(): void {
    this.flushTransaction();
    const s = this.statement;
    if (!s) return;
    this.out.push({ kind: "balances", balances: { account: s.account, opening: s.opening, closing: s.closing, available: s.available, ...s.tally.summary() } });
    this.statement = null;
  }
}

/** ":25:" is "BLZ/account", an IBAN, or either followed by the currency. */
function parseAccount(value: string, currency: string | null): StatementAccount {
  let text = value.replace(/\s+/g, "");
  let ccy = currency;
  const trailing = /^(.*\d)([A-Z]{3})$/.exec(text);
  if (trailing) {
    text = trailing[1];
    ccy = trailing[2];
  }
  const slash = text.indexOf("/");
  return {
    number: slash === -1 ? text : text.slice(slash + 1),
    currency: ccy,
    type: null,
    institution: slash === -1 ? null : text.slice(0, slash),
  };
}

/** The entry (booking) date MMDD takes the value date's year, or the next or previous one across a new year. */
function bookingDate(valueDate: string, entryDate: string | undefined): string | null {
  const value = parseSwiftDate(valueDate);
  if (!value || !entryDate) return value;
  let year = Number(value.slice(0, 4));
  const valueMonth = Number(value.slice(5, 7));
  const entryMonth = Number(entryDate.slice(0, 2));
  if (valueMonth === 12 && entryMonth === 1) year++;
  else if (valueMonth === 1 && entryMonth === 12) year--;
  const date = `${year}-${entryDate.slice(0, 2)}-${entryDate.slice(2, 4)}`;
  return parseSwiftDate(`${String(year).slice(2)}${entryDate}`) === date ? date : null;
}

/** Every statement item of an MT940 file, in file order. Throws StatementFileError. */
export async function* readMt940(source: ByteSource, encoding: CsvEncoding, currency: string | null = null): AsyncGenerator<StatementItem> {
  const reader = new Mt940Reader(currency);
  for await (const text of decodeSource(source, encoding)) {
    reader.feed(text);
    if (reader.out.length > 0) yield* reader.out.splice(0);
  }
  reader.feed("", true);
  reader.end();
  yield* reader.out.splice(0);
}
