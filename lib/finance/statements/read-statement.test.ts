// Every statement format read from the fixtures (written from the specs, no real person's
// data): exact counts, sums and stated balances, and the bad files refused in words.

import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { detectImportFormat, readStatement, StatementFileError, type StatementFormat, type StatementItem } from ".";
import { parseXmlElement } from "./parse-xml-element";

const FIXTURES = path.resolve(__dirname, "../../../tests/fixtures/statements");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

async function readAll(bytes: Uint8Array, format?: StatementFormat, chunk = 97): Promise<StatementItem[]> {
  const detected = format ?? (detectImportFormat(bytes) as StatementFormat);
  // Small odd chunks: every tag, entry and line is cut somewhere.
  const open = () => (function* () {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  })();
  const items: StatementItem[] = [];
  for await (const item of readStatement(detected, open, bytes.subarray(0, 8192))) items.push(item);
  return items;
}

const rows = (items: StatementItem[]) => items.flatMap((i) => (i.kind === "row" ? [i.row] : []));
const issues = (items: StatementItem[]) => items.flatMap((i) => (i.kind === "issue" ? [i.issue] : []));
const balances = (items: StatementItem[]) => items.flatMap((i) => (i.kind === "balances" ? [i.balances] : []));
const sum = (items: StatementItem[]) => rows(items).reduce((s, r) => s + r.amountMinor, 0n);

async function refusal(bytes: Uint8Array | string, format?: StatementFormat): Promise<StatementFileError> {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  const error = await readAll(data, format).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatementFileError);
  return error as StatementFileError;
}

describe("format detection by content", () => {
  it.each([
    ["ofx1-checking-sgml.txt", "ofx"],
    ["ofx2-creditcard.qfx", "ofx"],
    ["qbo-two-accounts.qbo", "ofx"],
    ["camt053-v02-batch-reversal.xml", "camt053"],
    ["camt053-v08-two-days.xml", "camt053"],
    ["mt940-german-two-statements.sta", "mt940"],
    ["mt940-swift-envelope.txt", "mt940"],
    ["qif-bank-us.qif", "qif"],
    ["qif-ccard-invst.qif", "qif"],
  ])("%s is %s", (name, format) => {
    expect(detectImportFormat(fixture(name))).toBe(format);
  });

  it("leaves a CSV export to the CSV reader and spots a zip", () => {
    expect(detectImportFormat(Buffer.from("Date,Description,Amount\n01/02/2024,COFFEE,-3.50\n"))).toBe("csv");
    expect(detectImportFormat(zipSync({ "a.xml": strToU8("<x/>") }))).toBe("zip");
  });
});

describe("OFX / QFX / QBO", () => {
  it("reads an OFX 1.x SGML file (unclosed tags) named .txt: 4 rows, FITIDs, LEDGERBAL and AVAILBAL", async () => {
    const items = await readAll(fixture("ofx1-checking-sgml.txt"));
    expect(rows(items).map((r) => [r.date, r.amountMinor, r.bankId])).toEqual([
      ["2024-01-03", -4520n, "20240103001"],
      ["2024-01-05", 250000n, "20240105001"],
      ["2024-01-10", -12000n, "20240110001"],
      ["2024-01-15", -6235n, "20240115001"],
    ]);
    expect(rows(items)[3].description).toBe("GROCERY MART & DELI DEBIT CARD 4411");
    expect(sum(items)).toBe(227245n);
    expect(items[0]).toEqual({ kind: "account", account: { number: "123456789", currency: "USD", type: "checking", institution: "Example Bank" } });
    const [b] = balances(items);
    expect(b.closing).toEqual({ date: "2024-01-31", amountMinor: 377245n });
    expect(b.available).toEqual({ date: "2024-01-31", amountMinor: 370000n });
    expect(b.opening).toEqual({ date: "2024-01-01", amountMinor: 150000n });
  });

  it("reads an OFX 2.x credit-card QFX: PAYEE aggregate, empty MEMO, pending STMTTRNP skipped", async () => {
    const items = await readAll(fixture("ofx2-creditcard.qfx"));
    expect(rows(items)).toHaveLength(3);
    expect(rows(items)[1]).toMatchObject({ description: "FUEL STATION 22", amountMinor: -8410n, bankId: "CC2024020301", accountNumber: "5555000011112222" });
    expect(sum(items)).toBe(9991n);
    expect(issues(items)).toEqual([expect.objectContaining({ kind: "skipped", reason: "pending transaction (not yet booked)" })]);
    expect(items[0]).toMatchObject({ kind: "account", account: { type: "credit_card", currency: "USD" } });
    expect(balances(items)[0].closing).toEqual({ date: "2024-02-14", amountMinor: -35025n });
  });

  it("reads a QBO with two accounts, each statement with its own rows and balance", async () => {
    const items = await readAll(fixture("qbo-two-accounts.qbo"));
    expect(rows(items).map((r) => [r.accountNumber, r.amountMinor])).toEqual([
      ["111222333", -3000n],
      ["111222333", 100000n],
      ["999888777", 5000n],
      ["999888777", 42n],
    ]);
    expect(balances(items).map((b) => [b.account?.number, b.account?.type, b.opening?.amountMinor, b.closing?.amountMinor])).toEqual([
      ["111222333", "checking", 500000n, 597000n],
      ["999888777", "savings", 1000000n, 1005042n],
    ]);
  });

  it("refuses a wrong header in words", async () => {
    const text = fixture("ofx1-checking-sgml.txt").toString().replace("OFXHEADER:100", "OFXHEADER:200");
    const error = await refusal(text);
    expect(error.code).toBe("invalid_header");
    expect(error.message).toMatch(/OFXHEADER:200.*OFXHEADER:100/);
  });

  it("refuses a truncated file, naming where it stops", async () => {
    const text = fixture("ofx2-creditcard.qfx").toString();
    const error = await refusal(text.slice(0, text.indexOf("<FITID>CC2024020301")), "ofx");
    expect(error.code).toBe("truncated_file");
    expect(error.message).toMatch(/transaction that starts on line 31.*cut short/);
  });
});

describe("CAMT.053", () => {
  it("reads 001.02: batch itemized, reversal signed by CdtDbtInd, pending skipped, OPBD/CLBD", async () => {
    const items = await readAll(fixture("camt053-v02-batch-reversal.xml"));
    expect(rows(items).map((r) => [r.date, r.amountMinor, r.bankId, r.payee])).toEqual([
      ["2024-04-02", -4570n, "REF001", "Stadtwerke Musterstadt"],
      ["2024-04-05", 200000n, "REF002", "Arbeitgeber GmbH"],
      ["2024-04-10", -10000n, "REF003/1", "Versicherung AG"],
      ["2024-04-10", -5000n, "REF003/2", "Sportverein e.V."],
      ["2024-04-12", 4570n, "REF004", "Stadtwerke Musterstadt"],
      ["2024-04-20", -9470n, "N005", null],
    ]);
    expect(rows(items)[0].description).toBe("Rechnung 4711 Abschlag April");
    expect(rows(items)[4].description).toBe("Reversal: Rechnung 4711");
    expect(issues(items)).toEqual([expect.objectContaining({ kind: "skipped", reason: expect.stringContaining("PDNG") })]);
    const [b] = balances(items);
    expect(b.account).toEqual({ number: "DE89370400440532013000", currency: "EUR", type: null, institution: "COBADEFFXXX" });
    expect(b.opening!.amountMinor + b.rowsSumMinor).toBe(b.closing!.amountMinor);
    expect(b.closing).toEqual({ date: "2024-04-30", amountMinor: 275530n });
  });

  it("keeps a batch as one booking when its parts carry no amounts", async () => {
    const text = fixture("camt053-v02-batch-reversal.xml")
      .toString()
      .replace(/<AmtDtls><TxAmt><Amt Ccy="EUR">\d+\.\d+<\/Amt><\/TxAmt><\/AmtDtls>/g, "")
      .replace(/<RmtInf><Ustrd>(Beitrag Haftpflicht|Mitgliedsbeitrag)<\/Ustrd><\/RmtInf>/g, "");
    const batch = rows(await readAll(Buffer.from(text))).find((r) => r.bankId === "REF003");
    expect(batch).toMatchObject({ amountMinor: -15000n, description: "Batch of 2 transactions" });
  });

  it("reads 001.08 with a namespace prefix: two statements, PRCD as opening, a debit closing balance", async () => {
    const items = await readAll(fixture("camt053-v08-two-days.xml"));
    expect(rows(items).map((r) => [r.amountMinor, r.payee, r.description])).toEqual([
      [-1250n, "Bakery Ltd", "CARD 1234 BAKERY LTD LONDON"],
      [30000n, "J Smith", "RENT MAY"],
      [-100000n, "Car Dealer plc", "DEPOSIT ORDER 889"],
    ]);
    expect(balances(items).map((b) => [b.opening?.amountMinor, b.closing?.amountMinor, b.rowsSumMinor])).toEqual([
      [50000n, 78750n, 28750n],
      [78750n, -21250n, -100000n],
    ]);
  });

  it("reads a zip of several CAMT files as one stream", async () => {
    const zip = zipSync({
      "2024-04.xml": new Uint8Array(fixture("camt053-v02-batch-reversal.xml")),
      "readme.pdf": strToU8("not a statement"),
      "2024-05.xml": new Uint8Array(fixture("camt053-v08-two-days.xml")),
    });
    const items = await readAll(zip, "camt053", 1000);
    expect(rows(items)).toHaveLength(9);
    expect(balances(items)).toHaveLength(3);
  });

  it("refuses an unknown version and a camt.052 in words", async () => {
    const text = fixture("camt053-v02-batch-reversal.xml").toString();
    const v12 = await refusal(text.replace("camt.053.001.02", "camt.053.001.12"));
    expect(v12.code).toBe("unsupported_version");
    expect(v12.message).toMatch(/version 001\.12.*001\.02 to 001\.08/);
    expect((await refusal(text.replace("camt.053.001.02", "camt.052.001.02"))).message).toMatch(/intraday/);
  });

  it("refuses a truncated file, naming the entry it stops in", async () => {
    const text = fixture("camt053-v02-batch-reversal.xml").toString();
    const error = await refusal(text.slice(0, text.indexOf("<AcctSvcrRef>REF003")), "camt053");
    expect(error.code).toBe("truncated_file");
    expect(error.message).toMatch(/entry \(Ntry\) that starts on line 56.*cut short/);
    expect((await refusal(text.slice(0, text.indexOf("</BkToCstmrStmt>")), "camt053")).message).toMatch(/<\/Document>/);
  });
});

describe("MT940", () => {
  it("reads two statements: 60F/62F, RD reversal, German ?20–?29 purpose and ?32/?33 name, multi-line :86:", async () => {
    const items = await readAll(fixture("mt940-german-two-statements.sta"));
    expect(rows(items).map((r) => [r.date, r.amountMinor, r.description, r.payee])).toEqual([
      ["2024-01-02", -4570n, "Strom Januar Abschlag", "Stadtwerke Musterstadt"],
      ["2024-01-03", 200000n, "Gehalt Januar", "Arbeitgeber GmbH"],
      ["2024-01-05", 4570n, "Reversal: Strom Januar Abschlag", "Stadtwerke Musterstadt"],
      ["2024-01-08", -1200n, "Kontofuehrungsgebuehr Januar 2024", null],
    ]);
    expect(balances(items).map((b) => [b.opening?.amountMinor, b.closing?.amountMinor, b.rowsSumMinor, b.account?.number])).toEqual([
      [100000n, 295430n, 195430n, "0532013000"],
      [295430n, 298800n, 3370n, "0532013000"],
    ]);
  });

  it("reads a SWIFT envelope with a debit opening balance and supplementary :61: lines", async () => {
    const items = await readAll(fixture("mt940-swift-envelope.txt"));
    expect(rows(items).map((r) => [r.amountMinor, r.description])).toEqual([
      [50000n, "Salary June ACME LTD"],
      [-3599n, "CARD PAYMENT CORNER SHOP"],
    ]);
    const [b] = balances(items);
    expect([b.opening?.amountMinor, b.closing?.amountMinor, b.available?.amountMinor]).toEqual([-15000n, 31401n, 31401n]);
    expect(b.account).toMatchObject({ number: "12345678", currency: "GBP", institution: "BANKGB2L" });
  });

  it("reports a broken :61: as an error row in words and imports the rest", async () => {
    const text = fixture("mt940-german-two-statements.sta").toString().replace(":61:2401080108D12,00NMSCNONREF", ":61:2401080108X12.00NMSCNONREF");
    const items = await readAll(Buffer.from(text));
    expect(rows(items)).toHaveLength(3);
    expect(issues(items)).toEqual([expect.objectContaining({ kind: "error", line: 19, reason: expect.stringMatching(/does not read as value date.*decimal comma/) })]);
  });
});

describe("QIF", () => {
  it("settles M/D'YY over the whole file, keeps split parts, takes the opening balance", async () => {
    const items = await readAll(fixture("qif-bank-us.qif"));
    expect(rows(items).map((r) => [r.date, r.amountMinor, r.category])).toEqual([
      ["2024-01-05", -4217n, "Food:Groceries"],
      ["2024-01-07", -10000n, "Food:Groceries"],
      ["2024-01-07", -5000n, "Household"],
      ["2024-01-12", 200000n, "Salary"],
      ["2024-01-15", -999n, "Entertainment"],
    ]);
    expect(rows(items)[2].description).toBe("Costco – paper towels (split 2/2)");
    expect(sum(items)).toBe(179784n);
    expect(balances(items)[0].opening).toEqual({ date: "2024-01-01", amountMinor: 150000n });
  });

  it("reads D/M/YYYY when a later day is over 12, names the account, skips investment and memorized sections", async () => {
    const items = await readAll(fixture("qif-ccard-invst.qif"));
    expect(rows(items).map((r) => [r.date, r.amountMinor, r.accountNumber])).toEqual([
      ["2024-02-03", -2500n, "Visa Card"],
      ["2024-02-14", -6050n, "Visa Card"],
      ["2024-02-20", 10000n, "Visa Card"],
    ]);
    expect(items[0]).toEqual({ kind: "account", account: { number: "Visa Card", currency: null, type: "credit_card", institution: null } });
    expect(issues(items).map((i) => i.reason)).toEqual([expect.stringContaining("!Type:Invst"), expect.stringContaining("!Type:Memorized")]);
  });

  it("reports a split whose parts do not add up as one row in the Split category", async () => {
    const text = fixture("qif-bank-us.qif").toString().replace("$-50.00", "$-40.00");
    const costco = rows(await readAll(Buffer.from(text))).filter((r) => r.payee === "Costco");
    expect(costco).toEqual([expect.objectContaining({ amountMinor: -15000n, category: "Split" })]);
  });
});

describe("parseXmlElement", () => {
  it("reads prefixes, attributes, entities, CDATA and repeated children", () => {
    const node = parseXmlElement('<a:Ntry><a:Amt Ccy="EUR">1.50</a:Amt><U>x &amp; y</U><U><![CDATA[<z>]]></U><E/></a:Ntry>', new Set(["Ntry"]));
    expect(node).toEqual({ Ntry: [{ Amt: { "@Ccy": "EUR", "#text": "1.50" }, U: ["x & y", "<z>"], E: "" }] });
  });

  it("throws on a mismatched closing tag", () => {
    expect(() => parseXmlElement("<a><b></a>", new Set())).toThrow(/closes <b>/);
  });
});

describe("currencies with other decimals than two", () => {
  const ofxJpy = (amount: string) =>
    Buffer.from(
      [
        "OFXHEADER:100",
        "DATA:OFXSGML",
        "VERSION:102",
        "",
        "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>JPY",
        "<BANKACCTFROM><BANKID>0005<ACCTID>7654321<ACCTTYPE>CHECKING</BANKACCTFROM>",
        "<BANKTRANLIST><DTSTART>20240101<DTEND>20240131",
        `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105<TRNAMT>${amount}<FITID>J1<NAME>Ramen</STMTTRN>`,
        "<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240125<TRNAMT>250000<FITID>J2<NAME>Salary</STMTTRN>",
        "</BANKTRANLIST><LEDGERBAL><BALAMT>348500<DTASOF>20240131</LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>",
      ].join("\n"),
    );

  it("reads an OFX in yen (CURDEF JPY) as whole yen, and refuses a fraction of a yen", async () => {
    const items = await readAll(ofxJpy("-1500"), "ofx");
    expect(rows(items).map((r) => r.amountMinor)).toEqual([-1500n, 250000n]);
    expect(balances(items)[0].closing).toEqual({ date: "2024-01-31", amountMinor: 348500n });
    const fraction = await readAll(ofxJpy("-1500.50"), "ofx");
    expect(rows(fraction).map((r) => r.amountMinor)).toEqual([250000n]);
    expect(issues(fraction)[0]).toMatchObject({ kind: "error", reason: expect.stringContaining("-1500.50") });
  });

  it("reads a CAMT.053 in Bahraini dinar (Ccy BHD) with three decimals", async () => {
    const gbp = await readAll(fixture("camt053-v08-two-days.xml"));
    const bhd = await readAll(Buffer.from(fixture("camt053-v08-two-days.xml").toString().replaceAll("GBP", "BHD")));
    expect(rows(bhd).map((r) => r.amountMinor)).toEqual(rows(gbp).map((r) => r.amountMinor * 10n));
    expect(balances(bhd)[0].closing!.amountMinor).toBe(balances(gbp)[0].closing!.amountMinor * 10n);
    expect(rows(bhd)[0].amountMinor).toBe(-12500n); // 12.5 BHD
  });

  it("reads an MT940 in Kuwaiti dinar (:60F: KWD) with three decimals", async () => {
    const kwd = await readAll(Buffer.from(fixture("mt940-german-two-statements.sta").toString().replaceAll("EUR", "KWD")));
    expect(rows(kwd)[0].amountMinor).toBe(-45700n); // 45,70 KWD
    expect(balances(kwd).map((b) => [b.opening!.amountMinor, b.closing!.amountMinor])).toEqual([
      [1000000n, 2954300n],
      [2954300n, 2988000n],
    ]);
  });

  it("reads a QIF with the decimals of the account's currency it is imported into", async () => {
    const qif = Buffer.from("!Type:Bank\nD01/05/2024\nT-1,500\nPRamen\n^\nD01/06/2024\nT1,234.5\nPBad\n^\n");
    const open = () => (function* () { yield qif; })();
    const items: StatementItem[] = [];
    for await (const item of readStatement("qif", open, qif, "JPY")) items.push(item);
    expect(rows(items).map((r) => r.amountMinor)).toEqual([-1500n]);
    expect(issues(items)[0]).toMatchObject({ kind: "error", reason: expect.stringContaining("the currency has none") });
  });
});
