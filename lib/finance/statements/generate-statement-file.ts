// Test and benchmark support: synthetic OFX 2.x and CAMT.053 statements of any length, produced
// chunk by chunk (about 64 KB each) so that nothing holds the whole file. Every transaction
// has a bank id, amounts are exact, and the stated closing balance is the opening plus the rows.

const MERCHANTS = ["TESCO STORES 3297", "STARBUCKS STORE 05512", "AMAZON MKTPLACE PMTS", "SHELL OIL 57444", "PAYROLL ACME CORP"];

export const GENERATED_OPENING_MINOR = 1_000_000n;

function amountOf(i: number): bigint {
  return BigInt(((i * 7919) % 20000) - 15000);
}

function dateOf(i: number): string {
  const day = (i % 28) + 1;
  const month = (Math.floor(i / 28) % 12) + 1;
  return `2024-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function decimal(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** The sum of the generated rows' amounts (the closing balance is the opening plus this). */
export function generatedSumMinor(rows: number): bigint {
  let sum = 0n;
  for (let i = 0; i < rows; i++) sum += amountOf(i);
  return sum;
}

async function* chunked(parts: Iterable<string>): AsyncGenerator<Buffer> {
  let text = "";
  for (const part of parts) {
    text += part;
    if (text.length >= 64 * 1024) {
      yield Buffer.from(text);
      text = "";
    }
  }
  if (text !== "") yield Buffer.from(text);
}

/** An OFX 2.x bank statement with `rows` STMTTRN elements and a LEDGERBAL. */
export function generateOfx(rows: number): AsyncGenerator<Buffer> {
  return chunked(
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?>\n<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n';
      yield "<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><DTSERVER>20241231</DTSERVER><LANGUAGE>ENG</LANGUAGE><FI><ORG>Generated Bank</ORG></FI></SONRS></SIGNONMSGSRSV1>\n";
      yield "<BANKMSGSRSV1><STMTTRNRS><TRNUID>1</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS><STMTRS><CURDEF>USD</CURDEF>\n";
      yield "<BANKACCTFROM><BANKID>021000021</BANKID><ACCTID>GEN000001</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>\n<BANKTRANLIST><DTSTART>20240101</DTSTART><DTEND>20241231</DTEND>\n";
      let sum = 0n;
      for (let i = 0; i < rows; i++) {
        const amount = amountOf(i);
        sum += amount;
        yield `<STMTTRN><TRNTYPE>${amount < 0n ? "DEBIT" : "CREDIT"}</TRNTYPE><DTPOSTED>${dateOf(i).replace(/-/g, "")}120000</DTPOSTED><TRNAMT>${decimal(amount)}</TRNAMT><FITID>F${i}</FITID><NAME>${MERCHANTS[i % MERCHANTS.length]}</NAME><MEMO>REF ${i}</MEMO></STMTTRN>\n`;
      }
      yield `</BANKTRANLIST><LEDGERBAL><BALAMT>${decimal(GENERATED_OPENING_MINOR + sum)}</BALAMT><DTASOF>20241231</DTASOF></LEDGERBAL></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n`;
    })(),
  );
}

/** A CAMT.053.001.02 statement with `rows` Ntry elements and OPBD/CLBD balances. */
export function generateCamt(rows: number): AsyncGenerator<Buffer> {
  const balance = (code: string, amount: bigint, date: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${decimal(amount < 0n ? -amount : amount)}</Amt><CdtDbtInd>${amount < 0n ? "DBIT" : "CRDT"}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>\n`;
  const sum = generatedSumMinor(rows);
  return chunked(
    (function* () {
      yield '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>\n';
      yield "<GrpHdr><MsgId>GEN-1</MsgId><CreDtTm>2024-12-31T20:00:00</CreDtTm></GrpHdr>\n<Stmt><Id>GEN-STMT-1</Id>\n";
      yield "<Acct><Id><IBAN>DE02120300000000202051</IBAN></Id><Ccy>EUR</Ccy></Acct>\n";
      yield balance("OPBD", GENERATED_OPENING_MINOR, "2024-01-01");
      yield balance("CLBD", GENERATED_OPENING_MINOR + sum, "2024-12-31");
      for (let i = 0; i < rows; i++) {
        const amount = amountOf(i);
        const date = dateOf(i);
        yield `<Ntry><Amt Ccy="EUR">${decimal(amount < 0n ? -amount : amount)}</Amt><CdtDbtInd>${amount < 0n ? "DBIT" : "CRDT"}</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt><AcctSvcrRef>C${i}</AcctSvcrRef><NtryDtls><TxDtls><RmtInf><Ustrd>${MERCHANTS[i % MERCHANTS.length]} REF ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
      }
      yield "</Stmt></BkToCstmrStmt></Document>\n";
    })(),
  );
}
