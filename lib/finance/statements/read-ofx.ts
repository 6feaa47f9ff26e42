// OFX 1.x (SGML: leaf elements are never closed), OFX 2.x (XML), and Quicken's QFX and
// QuickBooks' QBO, which are OFX with an INTU.BID element. One scanner reads them all: a tag
// followed by text is a leaf, a tag followed by another tag opens an aggregate, a closing tag
// of an open aggregate closes it (a closing tag of a leaf, as XML writes, is ignored). The
// file is read chunk by chunk, and each STMTTRN becomes a row as soon as it closes.

import type { ByteSource, CsvEncoding } from "../csv";
import { decodeSource } from "../csv/stream-records";
import { currencyDigits } from "../money";
import { cleanText, countNewlines, decodeEntities, parseCompactDate, parseStatementAmount } from "./parse-statement-values";
import { StatementFileError } from "./statement-file-error";
import { BalanceTally } from "./tally-balances";
import type { StatementAccount, StatementAccountType, StatementItem } from "./types";

const STATEMENTS = new Set(["STMTRS", "CCSTMTRS"]);
const ACCOUNTS = new Set(["BANKACCTFROM", "CCACCTFROM"]);
const ACCOUNT_TYPES: Record<string, StatementAccountType> = {
  CHECKING: "checking",
  SAVINGS: "savings",
  MONEYMRKT: "savings",
  CD: "savings",
  CREDITLINE: "loan",
};

/**
 * Checks the OFX header before anything is read. OFX 1.x starts with `OFXHEADER:100` and
 * `DATA:OFXSGML`; OFX 2.x with `<?xml …?>` and `<?OFX OFXHEADER="200" VERSION="2xx" …?>`. A file
 * whose body starts with `<OFX>` and has no header at all is accepted (some banks omit it).
 */
export function checkOfxHeader(head: string): void {
  const text = head.replace(/^\ufeff/, "").trimStart();
  const sgml = /^OFXHEADER\s*:\s*(\S*)/i.exec(text);
  if (sgml) {
    if (sgml[1] !== "100") {
      throw new StatementFileError("invalid_header", `The OFX header says OFXHEADER:${sgml[1]}; an OFX 1.x file says OFXHEADER:100 (OFX 2.x starts with <?xml and <?OFX OFXHEADER="200"?>).`, 1);
    }
    const data = /^DATA\s*:\s*(\S*)/im.exec(text);
    if (data && data[1].toUpperCase() !== "OFXSGML") {
      throw new StatementFileError("invalid_header", `The OFX header says DATA:${data[1]}; an OFX 1.x file says DATA:OFXSGML.`);
    }
    const version = /^VERSION\s*:\s*(\S*)/im.exec(text);
    if (version && !/^1\d\d$/.test(version[1])) {
      throw new StatementFileError("invalid_header", `The OFX header says VERSION:${version[1]}, which is not an OFX 1.x version (102, 103, 151, 160).`);
    }
    if (!/<OFX>/i.test(text)) throw new StatementFileError("invalid_header", "The file has an OFX header but no <OFX> element after it.");
    return;
  }
  const pi = /<\?OFX\b([^?]*)\?>/i.exec(text);
  if (pi) {
    const header = /OFXHEADER\s*=\s*"([^"]*)"/i.exec(pi[1])?.[1];
    const version = /VERSION\s*=\s*"([^"]*)"/i.exec(pi[1])?.[1];
    if (header !== "200") {
      throw new StatementFileError("invalid_header", `The OFX processing instruction says OFXHEADER="${header ?? ""}"; an OFX 2.x file says OFXHEADER="200".`);
    }
    if (version !== undefined && !/^2\d\d$/.test(version)) {
      throw new StatementFileError("invalid_header", `The OFX header says VERSION="${version}", which is not an OFX 2.x version (200 to 231).`);
    }
    return;
  }
  if (!/^<OFX>/i.test(text) && !/^<\?xml[^>]*>\s*<OFX>/i.test(text)) {
    throw new StatementFileError("invalid_header", "The file mentions <OFX> but does not start with an OFX header (OFXHEADER:100 or <?OFX OFXHEADER=\"200\"?>).");
  }
}

/** OFX 1.x names its character set; everything else is UTF-8 (or ASCII). */
export function ofxEncoding(head: string): CsvEncoding {
  return /^CHARSET\s*:\s*(1252|ISO-8859-1|8859-1)/im.test(head) ? "windows-1252" : "utf-8";
}

interface OpenStatement {
  account: Partial<Record<string, string>>;
  type: StatementAccountType | null;
  currency: string | null;
  tally: BalanceTally;
  ledger: Partial<Record<string, string>>;
  available: Partial<Record<string, string>>;
  listStart: string | null;
  announced: StatementAccount | null;
}

class OfxScanner {
  readonly out: StatementItem[] = [];
  private buffer = "";
  private line = 1;
  private readonly stack: string[] = [];
  /** An open tag not yet known to be a leaf (text follows) or an aggregate (a tag follows). */
  private pending: { tag: string; line: number } | null = null;
  private institution: string | null = null;
  private statement: OpenStatement | null = null;
  private record: Record<string, string> | null = null;
  private recordLine = 0;
  private seenOfx = false;

  /** `currency`: the one amounts are in when a statement names none (CURDEF), for its decimals. */
  constructor(private readonly currency: string | null = null) {}

  private digitsOf(s: OpenStatement | null): number {
    return currencyDigits(s?.currency ?? this.currency);
  }

  feed(text: string): void {
    this.buffer += text;
    let pos = 0;
    const buf = this.buffer;
    for (;;) {
      const lt = buf.indexOf("<", pos);
      if (lt === -1) break;
      const gt = buf.indexOf(">", lt + 1);
      if (gt === -1) break;
      if (lt > pos) this.text(buf, pos, lt);
      this.tag(buf.slice(lt + 1, gt));
      pos = gt + 1;
    }
    this.buffer = buf.slice(pos);
    // Text between tags is short; a buffer this long without a tag is not OFX.
    if (this.buffer.length > 1024 * 1024) {
      throw new StatementFileError("malformed_statement", `Line ${this.line} starts over 1 MB of text with no OFX tag in it: the file is not a whole OFX statement.`, this.line);
    }
  }

  end(): void {
    if (this.buffer.trim() !== "" && this.buffer.includes("<")) {
      throw new StatementFileError("truncated_file", `The file ends inside a tag on line ${this.line}: it was cut short. Download the statement again.`, this.line);
    }
    if (!this.seenOfx) throw new StatementFileError("malformed_statement", "The file has no <OFX> element.");
    if (this.stack.length > 0) {
      const where = this.record ? ` inside the transaction that starts on line ${this.recordLine}` : "";
      throw new StatementFileError(
        "truncated_file",
        `The file ends${where} before <${this.stack[this.stack.length - 1]}> is closed: it was cut short. Download the statement again.`,
        this.line,
      );
    }
  }

  private text(buf: string, from: number, to: number): void {
    const raw = buf.slice(from, to);
    const newlines = countNewlines(raw);
    if (this.pending) {
      const value = raw.trim();
      if (value !== "") {
        this.leaf(this.pending.tag, decodeEntities(value));
        this.pending = null;
      }
    }
    this.line += newlines;
  }

  private tag(body: string): void {
    const first = body.charCodeAt(0);
    if (first === 63 /* ? */ || first === 33 /* ! */) return;
    if (first === 47 /* / */) {
      const name = body.slice(1).trim().toUpperCase();
      if (this.pending) {
        const pending = this.pending.tag;
        this.pending = null;
        // <MEMO></MEMO> in XML, or an SGML leaf with no value before the next closing tag.
        this.leaf(pending, "");
        if (pending === name) return;
      }
      const at = this.stack.lastIndexOf(name);
      if (at === -1) return; // the closing tag of a leaf (XML)
      while (this.stack.length > at) this.close(this.stack.pop()!);
      return;
    }
    const name = body.trim().split(/\s/, 1)[0].toUpperCase();
    if (this.pending) {
      // A tag right after a tag: the first one opened an aggregate.
      this.open(this.pending.tag);
      this.pending = null;
    }
    this.pending = { tag: name, line: this.line };
    if (name === "OFX") this.seenOfx = true;
  }

  private open(tag: string): void {
    this.stack.push(tag);
    if (STATEMENTS.has(tag)) {
      this.statement = {
        account: {},
        type: tag === "CCSTMTRS" ? "credit_card" : null,
        currency: null,
        tally: new BalanceTally(),
        ledger: {},
        available: {},
        listStart: null,
        announced: null,
      };
    } else if (tag === "STMTTRN" || tag === "STMTTRNP") {
      this.record = {};
      this.recordLine = this.pending?.line ?? this.line;
    }
  }

  private leaf(tag: string, value: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (this.record) {
      if (parent === "STMTTRN" || parent === "STMTTRNP") this.record[tag] ??= value;
      else if (parent === "PAYEE" && tag === "NAME") this.record.NAME ??= value;
      return;
    }
    const s = this.statement;
    if (parent === "FI" && tag === "ORG") this.institution = value || null;
    if (!s) return;
    if (ACCOUNTS.has(parent)) s.account[tag] = value;
    else if (STATEMENTS.has(parent) && tag === "CURDEF") s.currency = value.toUpperCase() || null;
    else if (parent === "LEDGERBAL") s.ledger[tag] = value;
    else if (parent === "AVAILBAL") s.available[tag] = value;
    else if (parent === "BANKTRANLIST" && tag === "DTSTART") s.listStart = parseCompactDate(value);
  }

  private close(tag: string): void {
    const s = this.statement;
    if (tag === "STMTTRN" || tag === "STMTTRNP") {
      const record = this.record!;
      this.record = null;
      if (s && !s.announced) this.announce(s);
      if (tag === "STMTTRNP") {
        this.out.push({ kind: "issue", issue: { line: this.recordLine, kind: "skipped", reason: "pending transaction (not yet booked)", raw: rawOf(record) } });
      } else {
        this.transaction(record, s);
      }
    } else if (ACCOUNTS.has(tag) && s) {
      this.announce(s);
    } else if (STATEMENTS.has(tag) && s) {
      if (!s.announced) this.announce(s);
      const closing = balanceOf(s.ledger, this.digitsOf(s));
      const available = balanceOf(s.available, this.digitsOf(s));
      const summary = s.tally.summary();
      this.out.push({
        kind: "balances",
        balances: {
          account: s.announced,
          // OFX states no opening balance: the closing one less this statement's rows.
          opening: closing ? { date: s.listStart ?? summary.dateFrom ?? closing.date, amountMinor: closing.amountMinor - summary.rowsSumMinor } : null,
          closing,
          available,
          ...summary,
        },
      });
      this.statement = null;
    }
  }

  private announce(s: OpenStatement): void {
    const type = s.type ?? ACCOUNT_TYPES[(s.account.ACCTTYPE ?? "").toUpperCase()] ?? "checking";
    const account: StatementAccount = {
      number: (s.account.ACCTID ?? "").replace(/\s+/g, ""),
      currency: s.currency,
      type,
      institution: this.institution ?? s.account.BANKID ?? null,
    };
    s.announced = account;
    if (account.number !== "") this.out.push({ kind: "account", account });
  }

  private transaction(record: Record<string, string>, s: OpenStatement | null): void {
    const line = this.recordLine;
    const date = parseCompactDate(record.DTPOSTED ?? "") ?? (record.DTPOSTED ? null : parseCompactDate(record.DTUSER ?? ""));
    if (!date) {
      const reason = record.DTPOSTED ? `DTPOSTED "${record.DTPOSTED}" is not a date (YYYYMMDD…)` : "the transaction has no DTPOSTED date";
      this.out.push({ kind: "issue", issue: { line, kind: "error", reason, raw: rawOf(record) } });
      return;
    }
    const amountMinor = record.TRNAMT !== undefined ? parseStatementAmount(record.TRNAMT, this.digitsOf(s)) : null;
    if (amountMinor === null) {
      const reason = record.TRNAMT !== undefined ? `TRNAMT "${record.TRNAMT}" is not an amount` : "the transaction has no TRNAMT amount";
      this.out.push({ kind: "issue", issue: { line, kind: "error", reason, raw: rawOf(record) } });
      return;
    }
    const name = cleanText(record.NAME);
    const memo = cleanText(record.MEMO);
    const description = memo === "" || name.includes(memo) ? name : name === "" || memo.includes(name) ? memo : `${name} ${memo}`;
    const fitid = cleanText(record.FITID);
    s?.tally.add(date, amountMinor);
    this.out.push({
      kind: "row",
      row: {
        line,
        date,
        description: description || cleanText(record.TRNTYPE),
        // NAME is already the description's start; the categorize job's payee lookup cleans it
        // like a CSV row's (setting it here would show the same text twice).
        payee: null,
        amountMinor,
        category: null,
        balanceMinor: null,
        bankId: fitid || null,
        accountNumber: s?.announced?.number || null,
      },
    });
  }
}

function balanceOf(fields: Partial<Record<string, string>>, digits: number): { date: string; amountMinor: bigint } | null {
  const amountMinor = fields.BALAMT !== undefined ? parseStatementAmount(fields.BALAMT, digits) : null;
  const date = parseCompactDate(fields.DTASOF ?? "");
  return amountMinor !== null && date ? { date, amountMinor } : null;
}

function rawOf(record: Record<string, string>): string {
  const raw = Object.entries(record)
    .map(([k, v]) => `<${k}>${v}`)
    .join("");
  return raw.length > 500 ? `${raw.slice(0, 500)}…` : raw;
}

/** Every statement item of an OFX/QFX/QBO file, in file order. Throws StatementFileError. */
export async function* readOfx(source: ByteSource, encoding: CsvEncoding, currency: string | null = null): AsyncGenerator<StatementItem> {
  const scanner = new OfxScanner(currency);
  let checked = false;
  let head = "";
  for await (const text of decodeSource(source, encoding)) {
    if (!checked) {
      head += text;
      if (head.length < 4096 && !/<OFX>/i.test(head)) continue;
      checkOfxHeader(head);
      checked = true;
      scanner.feed(head);
    } else {
      scanner.feed(text);
    }
    if (scanner.out.length > 0) yield* scanner.out.splice(0);
  }
  if (!checked) {
    checkOfxHeader(head);
    scanner.feed(head);
  }
  scanner.end();
  yield* scanner.out.splice(0);
}
