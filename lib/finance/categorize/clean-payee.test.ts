import { describe, expect, it } from "vitest";
import { cleanPayee, titleCase } from "./clean-payee";

describe("cleanPayee: the product examples", () => {
  it.each([
    ["strips the Square prefix, store number and city", "SQ *BLUE BOTTLE #123 OAKLAND", "Blue Bottle"],
    ["maps the Amazon Marketplace code to Amazon", "AMZN Mktp US*2K4L91", "Amazon"],
    ["strips the PayPal prefix", "PAYPAL *SPOTIFY", "Spotify"],
    ["strips the Toast prefix and store number", "TST* SWEETGREEN 0213", "Sweetgreen"],
    ["keeps the merchant before its own star and drops the help URL", "UBER *TRIP HELP.UBER.COM", "Uber"],
    ["strips POS and its number, store number, city and state, keeping the apostrophe", "POS 4567 TRADER JOE'S #552 SAN FRANCISCO CA", "Trader Joe's"],
    ["strips CHECKCARD and its date, and the station number", "CHECKCARD 0312 SHELL OIL 57442", "Shell"],
    ["drops the PAYROLL marker and title-cases the employer", "PAYROLL ACME CORP", "Acme Corp"],
  ])("%s", (_behaviour, raw, payee) => {
    expect(cleanPayee(raw).payee).toBe(payee);
  });
});

describe("cleanPayee: merchants the dictionary does not know", () => {
  it("drops a trailing city and state", () => {
    expect(cleanPayee("TST* NIGHTINGALE OAKLAND CA").payee).toBe("Nightingale");
  });

  it("drops a trailing city without a state", () => {
    expect(cleanPayee("SQ *TACOS MI RANCHO OAKLAND").payee).toBe("Tacos Mi Rancho");
  });

  it("cuts at the first store number", () => {
    expect(cleanPayee("JOE'S PIZZA #12 BROOKLYN NY").payee).toBe("Joe's Pizza");
    expect(cleanPayee("ACME HARDWARE 0042 SPRINGFIELD IL").payee).toBe("Acme Hardware");
  });

  it("removes a card mask after a debit-card prefix", () => {
    expect(cleanPayee("DEBIT CARD PURCHASE - XXXX1234 MAMA'S KITCHEN AUSTIN TX").payee).toBe("Mama's Kitchen");
  });

  it("removes the authorization date and the reference code", () => {
    expect(cleanPayee("PURCHASE AUTHORIZED ON 03/12 HAPPY DONUTS S382071234567890 CARD 1234").payee).toBe("Happy Donuts");
  });

  it("keeps a leading domain's site name and drops the phone number", () => {
    expect(cleanPayee("BESTDEALS.COM 800-555-1212").payee).toBe("Bestdeals");
  });

  it("cuts the ACH details after the payee", () => {
    expect(cleanPayee("PARKSIDE PROPERTY MGMT ACH WEB RENT").payee).toBe("Parkside Property Mgmt");
  });

  it("reads the employer before a payroll marker and its ACH id", () => {
    expect(cleanPayee("ACME CORP PAYROLL PPD ID: 4412087703").payee).toBe("Acme Corp");
  });

  it("keeps small words lower-case inside a name", () => {
    expect(cleanPayee("CITY OF OAKLAND PARKING").payee).toBe("City of Oakland Parking");
  });

  it("keeps accented letters", () => {
    expect(cleanPayee("SQ *CAFÉ RÉVOLUTION BERKELEY CA").payee).toBe("Café Révolution");
  });

  it("is less sure of a cleaned-up name than of a dictionary merchant", () => {
    const known = cleanPayee("TST* SWEETGREEN 0213");
    const cleaned = cleanPayee("TST* NIGHTINGALE OAKLAND CA");
    expect(known.confidence).toBeGreaterThanOrEqual(0.9);
    expect(cleaned.confidence).toBeLessThan(known.confidence);
    expect(cleaned.confidence).toBeGreaterThan(0.5);
  });

  it("gives a low confidence when only a number is left", () => {
    expect(cleanPayee("12345").confidence).toBeLessThanOrEqual(0.3);
  });

  it("returns an empty payee with zero confidence for an empty description", () => {
    expect(cleanPayee("   ")).toEqual({ payee: "", confidence: 0 });
  });
});

describe("cleanPayee: the dictionary", () => {
  it("maps statement abbreviations to the canonical name", () => {
    expect(cleanPayee("WHOLEFDS OAK 10234 OAKLAND CA").payee).toBe("Whole Foods");
    expect(cleanPayee("VZWRLSS*APOCC VISE").payee).toBe("Verizon");
  });

  it("keeps acronyms and ampersands in canonical names", () => {
    expect(cleanPayee("CVS/PHARMACY #09876 OAKLAND CA").payee).toBe("CVS");
    expect(cleanPayee("AT&T*BILL PAYMENT").payee).toBe("AT&T");
  });

  it("prefers the longer alias at the same position", () => {
    expect(cleanPayee("UBER   *EATS HELP.UBER.COM CA").payee).toBe("Uber Eats");
    expect(cleanPayee("APPLE.COM/BILL 866-712-7753 CA").payee).toBe("Apple");
    expect(cleanPayee("APPLE STORE #R014 SAN FRANCISCO CA").payee).toBe("Apple Store");
  });

  it("still finds a merchant whose name starts like a bank prefix", () => {
    expect(cleanPayee("SO CAL EDISON CO").payee).toBe("Southern California Edison");
  });

  it("understands UK and EU statement prefixes", () => {
    expect(cleanPayee("CARD PAYMENT TO TESCO STORES 2431 ON 12/03").payee).toBe("Tesco");
    expect(cleanPayee("SEPA-LASTSCHRIFT REWE MARKT GMBH").payee).toBe("Rewe");
  });

  it("does not match a merchant inside a longer word", () => {
    expect(cleanPayee("SHELLFISH SHACK MONTEREY CA").payee).toBe("Shellfish Shack Monterey");
  });
});

describe("titleCase", () => {
  it("capitalizes after O' and Mc, not after other apostrophes", () => {
    expect(titleCase("O'REILLY MCDONALD'S JOE'S")).toBe("O'Reilly McDonald's Joe's");
  });

  it("keeps consonant-only acronyms upper-case but not common abbreviations", () => {
    expect(titleCase("CVS BBQ MGMT LTD")).toBe("CVS BBQ Mgmt Ltd");
  });

  it("capitalizes each part of a hyphenated word", () => {
    expect(titleCase("CHICK-FIL-A")).toBe("Chick-Fil-A");
  });
});
