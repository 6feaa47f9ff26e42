// CAMT.053 (ISO 20022 bank-to-customer statement), versions 001.02 to 001.08. The file is
// never parsed whole: a small cutter finds each statement's header (everything before its
// first Ntry: the account and the balances) and then each Ntry element, and hands only that
// piece to a small element reader (parse-xml-element.ts). Memory holds one entry, whatever
// the number of entries.
//
// Decisions:
// - Date: BookgDt (Dt or DtTm), else ValDt. Bank id: AcctSvcrRef, else NtryRef, else the single
//   TxDtls' AcctSvcrRef. Description: the remittance information (Ustrd lines joined, else the
//   structured creditor reference), else AddtlNtryInf. Payee: the counterparty (the creditor of
//   money out, the debtor of money in; Nm under RltdPties/Cdtr or, from 001.08, Cdtr/Pty).
// - Reversals (RvslInd true): CdtDbtInd is the reversal's own direction (ISO 20022 usage: a
//   reversed debit is a CRDT entry), so the sign follows CdtDbtInd like any entry; the
//   description says "Reversal:".
// - Status: BOOK imports; PDNG (pending) and INFO are skipped with the reason.
// - Batches (several TxDtls in one Ntry): imported itemized when every TxDtls carries its own
//   amount and the amounts add up to the entry's amount (the parts keep the entry's bank id
//   with "/1", "/2"…); otherwise one row for the booking as the bank made it. The balance is
//   the same either way; itemized rows are what a person recognizes (each salary, each direct
//   debit) and what a CSV export of the same account lists.

import type { ByteSource, CsvEncoding } from "../csv";
import { decodeSource } from "../csv/stream-records";
import { parseXmlElement } from "./parse-xml-element";
import { currencyDigits } from "../money";
import { cleanText, countNewlines, parseIsoDate, parseStatementAmount } from "./parse-statement-values";
import { StatementFileError } from "./statement-file-error";
import { BalanceTally } from "./tally-balances";
import type { StatedBalance, StatementAccount, StatementItem, StatementRow } from "./types";

export const CAMT_VERSIONS = ["02", "03", "04", "05", "06", "07", "08"] as const;

type Node = Record<string, unknown>;

const ARRAYS = new Set(["Bal", "TxDtls", "Ustrd", "NtryDtls", "Ntry"]);

/**
 * Refuses what is not a CAMT.053 we read, from the file's first bytes: another message
 * (camt.052 intraday reports, camt.054 notifications) or a version outside 001.02–001.08.
 */
export function checkCamtVersion(head: string): void {
  const ns = /camt\.(\d{3})\.001\.(\d{2})/.exec(head);
  if (!ns) {
    if (/<([\w.-]+:)?BkToCstmrStmt\b/.test(head)) return; // no namespace: read by its elements
    throw new StatementFileError("unsupported_version", "The XML file names no CAMT message version (xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.xx\").");
  }
  const [, message, version] = ns;
  if (message !== "053") {
    const what = message === "052" ? "an intraday account report (camt.052)" : message === "054" ? "a debit/credit notification (camt.054)" : `camt.${message}`;
    throw new StatementFileError("unsupported_version", `This file is ${what}, not a bank statement (camt.053). Download the account statement (camt.053) from your bank.`);
  }
  if (!(CAMT_VERSIONS as readonly string[]).includes(version)) {
    throw new StatementFileError(
      "unsupported_version",
      `This is CAMT.053 version 001.${version}; Tallyboard reads versions 001.02 to 001.08. Ask your bank for one of those (most offer 001.02 or 001.08).`,
    );
  }
}

const STMT_OPEN = /<([\w.-]+:)?Stmt[\s>]/g;
const NTRY_OPEN = /<([\w.-]+:)?Ntry[\s>]/g;

class CamtCutter {
  readonly out: StatementItem[] = [];
  private buffer = "";
  /** Line of buffer[0]. */
  private line = 1;
  private state: "outside" | "header" | "entries" = "outside";
  private prefix = "";
  private statement: { account: StatementAccount | null; opening: StatedBalance | null; closing: StatedBalance | null; available: StatedBalance | null; tally: BalanceTally } | null = null;
  private statements = 0;
  private entryLine = 0;

  /** `currency`: the one amounts are in when neither the amount (Ccy) nor the account names one. */
  constructor(private readonly currency: string | null = null) {}

  /** An Amt element in the minor units of its own currency (Ccy), else the account's. */
  private amountOf(amt: unknown): bigint | null {
    const ccy = amt !== null && typeof amt === "object" ? String((amt as Node)["@Ccy"] ?? "") : "";
    return parseStatementAmount(textOf(amt), currencyDigits(ccy || this.statement?.account?.currency || this.currency));
  }

  feed(text: string): void {
    this.buffer += text;
    let pos = 0;
    const buf = this.buffer;
    for (;;) {
      if (this.state === "outside") {
        STMT_OPEN.lastIndex = pos;
        const m = STMT_OPEN.exec(buf);
        if (!m) {
          // Keep a tail in case "<Stmt" is cut by the chunk's end.
          pos = Math.max(pos, buf.length - 64);
          break;
        }
        this.advance(buf, pos, m.index);
        pos = m.index;
        this.prefix = m[1] ?? "";
        this.state = "header";
        this.statements++;
      }
      if (this.state === "header") {
        NTRY_OPEN.lastIndex = pos;
        const entry = NTRY_OPEN.exec(buf);
        const closeTag = `</${this.prefix}Stmt>`;
        const close = buf.indexOf(closeTag, pos);
        const end = entry && (close === -1 || entry.index < close) ? entry.index : close;
        if (end === -1 || (entry === null && close === -1)) break;
        this.header(buf.slice(pos, end));
        this.advance(buf, pos, end);
        pos = end;
        this.state = "entries";
      }
      if (this.state === "entries") {
        const closeTag = `</${this.prefix}Stmt>`;
        NTRY_OPEN.lastIndex = pos;
        const entry = NTRY_OPEN.exec(buf);
        // Only the short gap before the next entry is searched for the statement's end: searching
        // the whole buffer for every entry would read it once per entry.
        const close = entry ? buf.substring(pos, entry.index).indexOf(closeTag) : buf.indexOf(closeTag, pos);
        if (close !== -1 && entry) {
          // The statement ends before this entry (which belongs to the next statement).
          const at = pos + close;
          this.advance(buf, pos, at + closeTag.length);
          pos = at + closeTag.length;
          this.finishStatement();
          this.state = "outside";
          continue;
        }
        if (entry) {
          const entryClose = `</${entry[1] ?? ""}Ntry>`;
          const endAt = buf.indexOf(entryClose, entry.index);
          if (endAt === -1) break;
          this.advance(buf, pos, entry.index);
          this.entryLine = this.line;
          const end = endAt + entryClose.length;
          this.entry(buf.slice(entry.index, end));
          this.advance(buf, entry.index, end);
          pos = end;
          continue;
        }
        if (close === -1) break;
        this.advance(buf, pos, close + closeTag.length);
        pos = close + closeTag.length;
        this.finishStatement();
        this.state = "outside";
      }
    }
    this.buffer = buf.slice(pos);
    if (this.buffer.length > 4 * 1024 * 1024) {
      throw new StatementFileError("malformed_statement", `From line ${this.line} on, over 4 MB of the file holds no complete entry (Ntry): it is not a CAMT.053 statement.`, this.line);
    }
  }

  end(): void {
    if (this.state !== "outside") {
      const where = this.state === "entries" && /<([\w.-]+:)?Ntry[\s>]/.test(this.buffer) ? `inside the entry (Ntry) that starts on line ${this.line + countNewlines(this.buffer, 0, this.buffer.search(/<([\w.-]+:)?Ntry[\s>]/))}` : "inside a statement (Stmt)";
      throw new StatementFileError("truncated_file", `The XML file ends ${where}: it was cut short. Download the statement again.`, this.line);
    }
    if (!/<\/([\w.-]+:)?Document\s*>/.test(this.buffer) && this.statements > 0) {
      throw new StatementFileError("truncated_file", "The XML file ends before </Document>: it was cut short. Download the statement again.", this.line);
    }
    if (this.statements === 0) throw new StatementFileError("malformed_statement", "The CAMT file holds no statement (Stmt element).");
  }

  private advance(buf: string, from: number, to: number): void {
    this.line += countNewlines(buf, from, to);
  }

  private header(text: string): void {
    const closing = `</${this.prefix}Stmt>`;
    let stmt: Node;
    try {
      stmt = parseXmlElement(text + closing, ARRAYS).Stmt as Node;
    } catch (err) {
      throw new StatementFileError("malformed_statement", `The statement header on line ${this.line} is not valid XML: ${(err as Error).message}`, this.line);
    }
    const acct = (stmt?.Acct ?? {}) as Node;
    const id = (acct.Id ?? {}) as Node;
    const number = cleanText(textOf(id.IBAN) || textOf((id.Othr as Node | undefined)?.Id)).replace(/\s+/g, "");
    const servicer = (acct.Svcr as Node | undefined)?.FinInstnId as Node | undefined;
    const account: StatementAccount | null = number
      ? {
          number,
          currency: textOf(acct.Ccy).toUpperCase() || null,
          type: null,
          institution: textOf(servicer?.BIC ?? servicer?.BICFI) || textOf(servicer?.Nm) || null,
        }
      : null;
    const statement = { account, opening: null as StatedBalance | null, closing: null as StatedBalance | null, available: null as StatedBalance | null, tally: new BalanceTally() };
    for (const bal of (stmt?.Bal ?? []) as Node[]) {
      const code = textOf(((bal.Tp as Node | undefined)?.CdOrPrtry as Node | undefined)?.Cd).toUpperCase();
      const amount = this.amountOf(bal.Amt);
      const date = parseIsoDate(textOf((bal.Dt as Node | undefined)?.Dt) || textOf((bal.Dt as Node | undefined)?.DtTm));
      if (amount === null || !date) continue;
      const value = { date, amountMinor: textOf(bal.CdtDbtInd) === "DBIT" ? -amount : amount };
      if (code === "OPBD" || (code === "PRCD" && !statement.opening)) statement.opening = value;
      else if (code === "CLBD") statement.closing = value;
      else if (code === "CLAV") statement.available = value;
    }
    this.statement = statement;
    if (account) this.out.push({ kind: "account", account });
  }

  private finishStatement(): void {
    const s = this.statement;
    if (!s) return;
    this.out.push({ kind: "balances", balances: { account: s.account, opening: s.opening, closing: s.closing, available: s.available, ...s.tally.summary() } });
    this.statement = null;
  }

  private entry(text: string): void {
    const line = this.entryLine;
    // Only an entry that is not imported shows its text.
    const raw = () => (text.length > 500 ? `${text.slice(0, 500)}…` : text);
    let ntry: Node;
    try {
      ntry = (parseXmlElement(text, ARRAYS).Ntry as Node[])[0];
    } catch (err) {
      this.out.push({ kind: "issue", issue: { line, kind: "error", reason: `the entry is not valid XML: ${(err as Error).message}`, raw: raw() } });
      return;
    }
    const status = textOf(ntry.Sts) || textOf((ntry.Sts as Node | undefined)?.Cd);
    if (status && status !== "BOOK") {
      const reason = status === "PDNG" ? "pending entry (status PDNG, not yet booked)" : `entry with status ${status} (only booked entries are imported)`;
      this.out.push({ kind: "issue", issue: { line, kind: "skipped", reason, raw: raw() } });
      return;
    }
    const date = dateOf(ntry.BookgDt) ?? dateOf(ntry.ValDt);
    if (!date) {
      this.out.push({ kind: "issue", issue: { line, kind: "error", reason: "the entry has no booking date (BookgDt) or value date (ValDt)", raw: raw() } });
      return;
    }
    const amount = this.amountOf(ntry.Amt);
    const direction = textOf(ntry.CdtDbtInd);
    if (amount === null || (direction !== "CRDT" && direction !== "DBIT")) {
      const reason = amount === null ? `the amount "${textOf(ntry.Amt)}" is not a number` : `CdtDbtInd is "${direction}", not CRDT or DBIT`;
      this.out.push({ kind: "issue", issue: { line, kind: "error", reason, raw: raw() } });
      return;
    }
    const signed = direction === "DBIT" ? -amount : amount;
    const reversal = textOf(ntry.RvslInd).toLowerCase() === "true";
    const details: Node[] = [];
    for (const d of (ntry.NtryDtls ?? []) as Node[]) if (d.TxDtls) details.push(...(d.TxDtls as Node[]));
    const entryRef = textOf(ntry.AcctSvcrRef) || textOf(ntry.NtryRef) || null;
    const account = this.statement?.account?.number ?? null;
    // Rows are built as literals: object spread cost a third of the reader's time (bench/RESULTS.md).
    const row = (described: { description: string; payee: string | null }, amountMinor: bigint, bankId: string | null): StatementRow => ({
      line,
      date,
      description: described.description,
      payee: described.payee,
      amountMinor,
      category: null,
      balanceMinor: null,
      bankId,
      accountNumber: account,
    });

    const parts = details.length > 1 ? itemize(details, direction, (amt) => this.amountOf(amt)) : null;
    if (parts && parts.reduce((sum, p) => sum + p.amountMinor, 0n) === signed) {
      parts.forEach((part, i) => {
        this.push(row(describe(part.node, ntry, direction, reversal), part.amountMinor, part.ref ?? (entryRef ? `${entryRef}/${i + 1}` : null)));
      });
      return;
    }
    const single = details.length === 1 ? details[0] : null;
    const described = describe(single, ntry, direction, reversal);
    if (details.length > 1 && !described.description) described.description = `Batch of ${details.length} transactions`;
    const ref = entryRef ?? (single ? textOf((single.Refs as Node | undefined)?.AcctSvcrRef) || null : null);
    this.push(row(described, signed, ref));
  }

  private push(row: StatementRow): void {
    this.statement?.tally.add(row.date, row.amountMinor);
    this.out.push({ kind: "row", row });
  }
}

function itemize(details: Node[], entryDirection: string, amountOf: (amt: unknown) => bigint | null): { node: Node; amountMinor: bigint; ref: string | null }[] | null {
  const parts: { node: Node; amountMinor: bigint; ref: string | null }[] = [];
  for (const d of details) {
    const amt = ((d.AmtDtls as Node | undefined)?.TxAmt as Node | undefined)?.Amt ?? d.Amt;
    const amount = amt === undefined ? null : amountOf(amt);
    if (amount === null) return null;
    const direction = textOf(d.CdtDbtInd) || entryDirection;
    parts.push({ node: d, amountMinor: direction === "DBIT" ? -amount : amount, ref: textOf((d.Refs as Node | undefined)?.AcctSvcrRef) || null });
  }
  return parts;
}

function describe(tx: Node | null, ntry: Node, direction: string, reversal: boolean): { description: string; payee: string | null } {
  const rmt = (tx?.RmtInf ?? {}) as Node;
  const unstructured = ((rmt.Ustrd ?? []) as unknown[]).map(textOf).join(" ");
  const structured = textOf(((((rmt.Strd as Node | undefined)?.CdtrRefInf as Node | undefined) ?? {}) as Node).Ref);
  const parties = (tx?.RltdPties ?? {}) as Node;
  const counterparty = (direction === "DBIT" ? parties.Cdtr : parties.Dbtr) as Node | undefined;
  const name = textOf(counterparty?.Nm) || textOf((counterparty?.Pty as Node | undefined)?.Nm);
  let description = cleanText(unstructured || structured || textOf(tx?.AddtlTxInf) || textOf(ntry.AddtlNtryInf));
  if (!description) description = cleanText(name);
  if (reversal) description = `Reversal: ${description}`.trim();
  return { description, payee: cleanText(name) || null };
}

function dateOf(node: unknown): string | null {
  const n = node as Node | undefined;
  if (!n) return null;
  return parseIsoDate(textOf(n.Dt) || textOf(n.DtTm));
}

function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  if (typeof node === "object" && "#text" in (node as Node)) return String((node as Node)["#text"]);
  return "";
}

/** Every statement item of a CAMT.053 file (or several concatenated), in file order. Throws StatementFileError. */
export async function* readCamt(source: ByteSource, encoding: CsvEncoding, currency: string | null = null): AsyncGenerator<StatementItem> {
  const cutter = new CamtCutter(currency);
  let head: string | null = "";
  for await (const text of decodeSource(source, encoding)) {
    if (head !== null) {
      head += text;
      if (head.length < 4096) continue;
      checkCamtVersion(head);
      cutter.feed(head);
      head = null;
    } else {
      cutter.feed(text);
    }
    if (cutter.out.length > 0) yield* cutter.out.splice(0);
  }
  if (head !== null) {
    checkCamtVersion(head);
    cutter.feed(head);
  }
  cutter.end();
  yield* cutter.out.splice(0);
}
