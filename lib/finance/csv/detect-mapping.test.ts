import { describe, expect, it } from "vitest";
import { detectMapping } from "./detect-mapping";

const codes = (result: ReturnType<typeof detectMapping>) => result.warnings.map((w) => w.code);

describe("detectMapping", () => {
  it("picks ; for a file whose amounts use a decimal comma", () => {
    const result = detectMapping("Datum;Omschrijving;Bedrag\n15-01-2024;Albert Heijn;-12,50\n16-01-2024;Salaris;1.234,56\n");
    expect(result.mapping.delimiter).toBe(";");
    expect(result.mapping.columns).toEqual(["date", "description", "amount"]);
    expect(result.mapping.dateFormat).toBe("DD-MM-YYYY");
    expect([result.mapping.decimalSeparator, result.mapping.thousandsSeparator]).toEqual([",", "."]);
  });

  it("picks tab and | delimiters", () => {
    expect(detectMapping("Date\tDescription\tAmount\n2024-01-15\tCOFFEE, LARGE\t-3.50\n").mapping.delimiter).toBe("\t");
    expect(detectMapping("Date|Description|Amount\n2024-01-15|COFFEE, LARGE|-3.50\n").mapping.delimiter).toBe("|");
  });

  it("finds the header below a preamble and counts the preamble as skipped rows", () => {
    const sample = "Account,Checking ...1234\nStatement period,January 2024\n\nDate,Description,Amount\n2024-01-15,COFFEE,-3.50\n2024-01-16,PAYROLL,1500.00\n";
    const { mapping } = detectMapping(sample);
    expect([mapping.headerRow, mapping.skipRows]).toEqual([3, 4]);
  });

  it("does not take a preamble line holding a date and a number for the first data row", () => {
    const sample = "Statement date,01/31/2024,Balance,1234.56\n\nDate,Description,Amount,Balance\n01/02/2024,COFFEE,-3.50,1231.06\n01/03/2024,LUNCH,-12.00,1219.06\n01/04/2024,PAYROLL,1500.00,2719.06\n";
    expect(detectMapping(sample).mapping.headerRow).toBe(2);
  });

  it("reads column roles from Spanish headers, and day-first dates from the language", () => {
    const { mapping } = detectMapping("Fecha;Concepto;Importe;Saldo\n02/01/2024;MERCADONA;-45,20;1.200,00\n03/01/2024;NOMINA;1.500,00;2.700,00\n");
    expect(mapping.columns).toEqual(["date", "description", "amount", "balance"]);
    expect(mapping.dateFormat).toBe("DD/MM/YYYY");
  });

  it("reads German Soll/Haben as debit/credit", () => {
    const { mapping } = detectMapping("Buchungstag;Buchungstext;Soll;Haben\n15.01.2024;REWE;45,20;\n31.01.2024;Gehalt;;2.500,00\n");
    expect(mapping.columns).toEqual(["date", "description", "debit", "credit"]);
  });

  it("recognises a running balance by its values in a headerless file", () => {
    const sample = ["01/02/2024,COFFEE SHOP,-3.50,996.50", "01/03/2024,GROCERIES,-45.10,951.40", "01/04/2024,PAYROLL,1500.00,2451.40", "01/05/2024,RENT,-1200.00,1251.40"].join("\n");
    const result = detectMapping(`${sample}\n`);
    expect(result.mapping.columns).toEqual(["date", "description", "amount", "balance"]);
  });

  it("recognises a running balance listed newest first", () => {
    const sample = ["01/05/2024,RENT,1251.40,-1200.00", "01/04/2024,PAYROLL,2451.40,1500.00", "01/03/2024,GROCERIES,951.40,-45.10", "01/02/2024,COFFEE SHOP,996.50,-3.50"].join("\n");
    expect(detectMapping(`${sample}\n`).mapping.columns).toEqual(["date", "description", "balance", "amount"]);
  });

  it("takes two complementary money columns as debit then credit, and says it guessed", () => {
    const sample = "2024-01-02,COFFEE,3.50,\n2024-01-03,PAYROLL,,1500.00\n2024-01-04,RENT,1200.00,\n";
    const result = detectMapping(sample);
    expect(result.mapping.columns).toEqual(["date", "description", "debit", "credit"]);
    expect(codes(result)).toContain("debit_credit_order_guessed");
  });

  it("takes the money-out column from its negative values", () => {
    const result = detectMapping("2024-01-02,COFFEE,,-3.50\n2024-01-03,PAYROLL,1500.00,\n2024-01-04,RENT,,-1200.00\n");
    expect(result.mapping.columns).toEqual(["date", "description", "credit", "debit"]);
    expect(codes(result)).not.toContain("debit_credit_order_guessed");
  });

  it("completes a direction column seen with one side only", () => {
    const { mapping } = detectMapping('"Datum";"Naam / Omschrijving";"Af Bij";"Bedrag (EUR)"\n"20240131";"Albert Heijn";"Af";"23,45"\n"20240130";"NS";"Af";"4,10"\n');
    expect(mapping.direction).toEqual({ out: ["Af"], in: ["Bij"] });
  });

  it("ignores a DEBIT/CREDIT column when the amounts already carry their sign", () => {
    const { mapping } = detectMapping("Details,Posting Date,Description,Amount\nDEBIT,01/15/2024,COFFEE,-3.50\nCREDIT,01/16/2024,PAYROLL,1500.00\n");
    expect(mapping.columns).toEqual(["ignore", "date", "description", "amount"]);
    expect(mapping.direction).toBeNull();
  });

  it("warns when every date could be either day-first or month-first, naming the hint used", () => {
    const result = detectMapping("Datum;Betrag\n01.02.2024;-3,50\n03.04.2024;-4,00\n");
    expect(result.mapping.dateFormat).toBe("DD.MM.YYYY");
    const warning = result.warnings.find((w) => w.code === "ambiguous_date_format");
    expect(warning?.message).toContain("decimal comma");
  });

  it("recognises columns from values when the header names are unknown, and says so", () => {
    const result = detectMapping("Col A,Col B,Col C\n2024-01-02,COFFEE SHOP,-3.50\n2024-01-03,PAYROLL,1500.00\n");
    expect(result.mapping.columns).toEqual(["date", "description", "amount"]);
    expect(codes(result)).toContain("roles_from_values");
  });

  it("does not invert a savings account whose amounts are all positive", () => {
    const result = detectMapping("Date,Description,Amount\n2024-01-02,DEPOSIT,100.00\n2024-01-03,DEPOSIT,200.00\n2024-01-31,INTEREST,0.42\n");
    expect(result.mapping.invertSign).toBe(false);
  });

  it("inverts a card export whose header names the card member, with a warning", () => {
    const result = detectMapping("Date,Description,Card Member,Amount\n01/02/2024,UBER,JANE DOE,12.00\n01/03/2024,LUNCH,JANE DOE,20.00\n01/04/2024,BOOKS,JANE DOE,30.00\n");
    expect(result.mapping.invertSign).toBe(true);
    expect(codes(result)).toContain("sign_inverted");
    // The note names the checkbox by the words it carries on the mapping form.
    expect(result.warnings.find((w) => w.code === "sign_inverted")?.message).toContain('Untick "Amounts are positive for purchases"');
  });

  it("scores a mapping that reads most sample rows badly as low confidence", () => {
    const result = detectMapping("Date,Description,Amount\n2024-01-02,A,-1.00\n2024-01-03,B,oops\n2024-01-04,C,n/a\n2024-01-05,D,-1.00\n2024-01-06,E,-2.00\n2024-01-07,F,what\n");
    expect(result.confidence).toBeLessThan(0.8);
    expect(codes(result)).toContain("low_confidence");
  });

  it("gives full confidence to a clean file", () => {
    expect(detectMapping("Date,Description,Amount\n2024-01-02,A,-1.00\n2024-01-03,B,2.00\n").confidence).toBe(1);
  });

  it("reads Citi's negative credits as money in", async () => {
    const { readCsvRows } = await import("./read-rows");
    const text = "Status,Date,Description,Debit,Credit\nCleared,01/15/2024,GROCERY,45.20,\nCleared,01/20/2024,PAYMENT THANK YOU,,-500.00\nPending,01/22/2024,BOOKS,12.00,\n";
    const { mapping } = detectMapping(text);
    expect(mapping.columns).toEqual(["status", "date", "description", "debit", "credit"]);
    const results = [];
    for await (const result of readCsvRows([Buffer.from(text)], mapping)) results.push(result.row?.amountMinor ?? result.issue?.reason);
    expect(results).toEqual([-4520n, 50000n, 'pending transaction (status "Pending"), not yet booked']);
  });

  it("takes PayPal's Net as the amount and does not subtract its Fee twice", () => {
    const { mapping } = detectMapping(
      '"Date","Time","Name","Type","Status","Currency","Gross","Fee","Net"\n"01/15/2024","10:00:00","Shop","Express Checkout Payment","Completed","USD","-20.00","0.00","-20.00"\n"01/16/2024","11:00:00","Alex","Payment Received","Completed","USD","50.00","-1.75","48.25"\n',
    );
    expect(mapping.columns).toEqual(["date", "ignore", "payee", "ignore", "status", "currency", "ignore", "ignore", "amount"]);
  });

  it("reads Sparkasse's Info column as the status", () => {
    const { mapping } = detectMapping(
      '"Buchungstag";"Verwendungszweck";"Beguenstigter/Zahlungspflichtiger";"Betrag";"Info"\n"15.01.24";"Miete";"Vermieter";"-800,00";"Umsatz gebucht"\n"16.01.24";"Einkauf";"REWE";"-20,00";"Umsatz vorgemerkt"\n',
    );
    expect(mapping.columns).toEqual(["date", "description", "payee", "amount", "status"]);
    expect(mapping.dateFormat).toBe("DD.MM.YY");
  });

  it("uses a Reference column as the description only when it holds words", () => {
    const starling = detectMapping("Date,Counter Party,Reference,Amount (GBP),Balance (GBP)\n15/01/2024,Tesco,TESCO STORES 3297,-23.40,976.60\n16/01/2024,Acme,SALARY,1000.00,1976.60\n");
    expect(starling.mapping.columns).toEqual(["date", "payee", "description", "amount", "balance"]);
    const numeric = detectMapping("Date,Reference,Amount\n01/15/2024,320240150123456789,-23.40\n01/16/2024,320240160123456789,-5.00\n");
    expect(numeric.mapping.columns[1]).toBe("ignore");
  });

  it("keeps the mapping JSON-serializable", () => {
    const { mapping } = detectMapping("Date,Description,Amount\n2024-01-02,A,-1.00\n");
    expect(JSON.parse(JSON.stringify(mapping))).toEqual(mapping);
  });
});

describe("a currency column", () => {
  it("is detected by its name when it holds currency codes", () => {
    const { mapping } = detectMapping("Date,Description,Amount,Currency\n2024-01-02,Coffee,-4.50,USD\n2024-01-03,Hotel,-120.00,EUR\n");
    expect(mapping.columns).toEqual(["date", "description", "amount", "currency"]);
  });

  it("is left alone when it holds something else than codes", () => {
    const { mapping } = detectMapping("Date,Description,Amount,Currency\n2024-01-02,Coffee,-4.50,US Dollar\n");
    expect(mapping.columns[3]).toBe("ignore");
  });
});
