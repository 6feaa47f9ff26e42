import { describe, expect, it } from "vitest";
import { extractReceiptFields, findAmounts } from "./extract-fields";

const LATEST = "2026-12-31";
const read = (text: string, defaultCurrency?: string) => extractReceiptFields(text, { latestDate: LATEST, defaultCurrency });

describe("findAmounts", () => {
  it("reads both decimal marks and grouped thousands", () => {
    expect(findAmounts("TOTAL 1,234.56").map((a) => a.minor)).toEqual([123456n]);
    expect(findAmounts("SUMME 1.234,56").map((a) => a.minor)).toEqual([123456n]);
    expect(findAmounts("Brot 2,35 B").map((a) => a.minor)).toEqual([235n]);
    expect(findAmounts("£4.14").map((a) => a.minor)).toEqual([414n]);
  });

  it("does not read a date, a time or a negative line as an amount", () => {
    expect(findAmounts("14.03.2026 10:42")).toEqual([]);
    expect(findAmounts("Coupon -0.50")).toEqual([]);
    expect(findAmounts("Card ****1234")).toEqual([]);
  });
});

describe("extractReceiptFields: the grand total", () => {
  it("takes TOTAL, not the subtotal, the VAT or the savings (a UK receipt)", () => {
    const f = read(`CORNER GROCER
12 High St, Leeds
Date: 14/03/2026 10:42
Milk 1.20
Bread 2.35
SUBTOTAL 3.55
VAT 20% 0.59
TOTAL £4.14
TOTAL SAVINGS 0.50
VISA DEBIT 4.14`);
    expect(f).toMatchObject({ merchant: "CORNER GROCER", date: "2026-03-14", totalMinor: 414n, currency: "GBP" });
    expect(f.confidence.total).toBeGreaterThan(0.9);
  });

  it("reads SUMME with a decimal comma (a German receipt)", () => {
    const f = read(`BÄCKEREI MÜLLER
Hauptstr. 5, 10115 Berlin
Brötchen 4 x 0,45 1,80
Kaffee 2,90
SUMME EUR 4,70
Bar 10,00
Rückgeld 5,30
MwSt 7% 0,31
Datum 02.11.2026 08:15`);
    expect(f).toMatchObject({ merchant: "BÄCKEREI MÜLLER", date: "2026-11-02", totalMinor: 470n, currency: "EUR" });
  });

  it("prefers AMOUNT DUE and BALANCE DUE over a plain total line", () => {
    expect(read("Total 50.00\nTip 7.50\nAMOUNT DUE $57.50").totalMinor).toBe(5750n);
    expect(read("TOTAL 80.00\nDeposit paid 20.00\nBALANCE DUE 60.00").totalMinor).toBe(6000n);
  });

  it("reads the total from the next line when the columns were read apart", () => {
    expect(read("ACME\nGRAND TOTAL\n$ 23.10\nThank you").totalMinor).toBe(2310n);
  });

  it("falls back to the card payment, with a low confidence, when no total line was read", () => {
    const f = read("SHOP\nitem 3.00\nitem 4.50\nMASTERCARD 7.50");
    expect(f.totalMinor).toBe(750n);
    expect(f.confidence.total).toBeLessThan(0.7);
  });

  it("finds nothing in text with no amount", () => {
    const f = read("blurry nothing here");
    expect(f.totalMinor).toBeNull();
    expect(f.confidence.total).toBe(0);
  });
});

describe("extractReceiptFields: the date", () => {
  it("reads a slash date month-first on a dollar receipt, day-first elsewhere", () => {
    expect(read("DINER\nTOTAL $9.00\n03/04/2026").date).toBe("2026-03-04");
    expect(read("CAFE\nTOTAL £9.00\n03/04/2026").date).toBe("2026-04-03");
  });

  it("reads ISO dates, month names and two-digit years", () => {
    expect(read("X\n2026-07-09 12:00").date).toBe("2026-07-09");
    expect(read("X\n9 Jul 2026").date).toBe("2026-07-09");
    expect(read("X\nJul 9, 2026").date).toBe("2026-07-09");
    expect(read("X\n09.07.26").date).toBe("2026-07-09");
  });

  it("skips a card's expiry date and dates in the future", () => {
    expect(read("X\nEXP 01/12/2027\nDate 05/06/2026", "GBP").date).toBe("2026-06-05");
    expect(read("X\n01/01/2030").date).toBeNull();
  });

  it("is less sure when day and month could be swapped", () => {
    const swapped = read("X\n03/04/2026", "GBP").confidence.date;
    const plain = read("X\n23/04/2026", "GBP").confidence.date;
    expect(swapped).toBeLessThan(plain);
  });
});

describe("extractReceiptFields: merchant and currency", () => {
  it("skips receipt and address lines for the merchant", () => {
    expect(read("RECEIPT\nTel 0113 555 0101\nThe Blue Door Cafe\nTOTAL 3.00").merchant).toBe("The Blue Door Cafe");
    expect(read("Welcome to Fresh Market\nTOTAL 3.00").merchant).toBe("Fresh Market");
  });

  it("names the currency from symbols, codes or words, else the user's", () => {
    expect(read("X\nTOTAL CHF 12.00").currency).toBe("CHF");
    expect(read("X\nTOTAL 12,00 €").currency).toBe("EUR");
    expect(read("X\nGesamt 12,00").currency).toBe("EUR");
    expect(read("X\nTOTAL 12.00", "CAD").currency).toBe("CAD");
  });

  it("lowers every confidence when the OCR read was poor", () => {
    const text = "SHOP\nTOTAL £5.00\n01/02/2026";
    const good = extractReceiptFields(text, { latestDate: LATEST, ocrConfidence: 90 });
    const poor = extractReceiptFields(text, { latestDate: LATEST, ocrConfidence: 40 });
    expect(poor.confidence.total).toBeLessThan(good.confidence.total);
    expect(poor.confidence.merchant).toBeLessThan(good.confidence.merchant);
  });
});
