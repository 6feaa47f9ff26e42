import { describe, expect, it } from "vitest";
import { NON_ENGLISH_TRANSACTIONS } from "../../../tests/fixtures/categorize/non-english-transactions";
import { DEMO_CATEGORIES, generateDemoTransactions } from "../../../scripts/demo-transactions";
import { parseDecimalAmount as parseAmount } from "../money";
import { categoriesForSuggestions } from "./categories";
import { createCategorizer, isCategorizeFailure, type CategorizeSuccess } from "./classify-transaction";

async function suggest(categories: readonly string[], description: string, amount: string, trained = false): Promise<CategorizeSuccess> {
  const trainingExamples = trained
    ? generateDemoTransactions({ today: "2026-12-06" }).map((t) => ({ description: t.description, payee: null, amountMinor: t.amountMinor, category: t.category }))
    : [];
  const categorizer = createCategorizer({ categories: categoriesForSuggestions(categories), trainingExamples });
  const [result] = await categorizer.categorizeBatch([{ id: "t", description, amountMinor: parseAmount(amount)! }]);
  if (isCategorizeFailure(result)) throw new Error(result.error);
  return result;
}

describe("categorize suggestions for German, French, Spanish and Dutch bank lines", () => {
  it("files Gehalt as Income, or as Salary for a user who has Salary (the demo user's classifier said Shopping)", async () => {
    expect((await suggest(DEMO_CATEGORIES, "GEHALT NOVEMBER 2026 ACME GMBH", "3450.00", true)).category).toBe("Income");
    expect((await suggest(["Salary", "Rent", "Shopping", "Food & Drink"], "Gehaltszahlung Oktober", "3120.00")).category).toBe("Salary");
  });

  it("files Miete, Loyer, Alquiler and Huur as Housing, or as Rent (the demo user's classifier said Food & Drink)", async () => {
    for (const line of ["DAUERAUFTRAG MIETE HAUSVERWALTUNG", "PRLV SEPA LOYER DECEMBRE", "RECIBO ALQUILER PISO", "HUUR DECEMBER WONINGSTICHTING", "Kaltmiete 12/2026"]) {
      expect((await suggest(DEMO_CATEGORIES, line, "-950.00", true)).category, line).toBe("Housing");
      expect((await suggest(["Rent", "Food & Drink", "Shopping"], line, "-950.00")).category, line).toBe("Rent");
    }
  });

  it("files energy and water bills as Utilities, not Fuel, even for a user who has Fuel", async () => {
    const categories = ["Utilities", "Fuel", "Transport", "Groceries"];
    for (const line of ["Gas Abschlag Rheinenergie", "STADTWERKE MUENCHEN STROM", "Stromabschlag Dezember", "PRLV ENGIE ELECTRICITE GAZ", "PRLV SEPA TOTALENERGIES ELECTRICITE", "NATURGY GAS NATURAL RECIBO", "RECIBO IBERDROLA LUZ", "ENDESA ENERGIA", "ENECO BV TERMIJNBEDRAG", "VATTENFALL KLANTENSERVICE", "VEOLIA EAU", "Berliner Wasserbetriebe"]) {
      expect((await suggest(categories, line, "-80.00")).category, line).toBe("Utilities");
    }
  });

  it("files insurance words and compounds as Insurance", async () => {
    for (const line of ["HUK-COBURG Haftpflichtversicherung", "Hausratversicherung Beitrag", "PRLV MAIF ASSURANCE HABITATION", "SEGURO HOGAR", "ZILVEREN KRUIS ZORGVERZEKERING", "Autoverzekering premie"]) {
      expect((await suggest(["Insurance", "Shopping", "Coffee"], line, "-40.00")).category, line).toBe("Insurance");
    }
  });

  it("files continental supermarkets as Groceries", async () => {
    for (const line of ["EDEKA CENTER SAGT DANKE", "REWE Markt GmbH", "ALDI SUED 1234", "LIDL DIENSTL", "CB CARREFOUR MARKET", "CB E.LECLERC", "COMPRA MERCADONA", "ALBERT HEIJN 1234", "JUMBO SUPERMARKTEN", "PLUS SUPERMARKT"]) {
      expect((await suggest(["Groceries", "Shopping"], line, "-30.00")).category, line).toBe("Groceries");
    }
  });

  it("offers no suggestion for a line nothing knows, rather than the classifier's blind guess", async () => {
    const result = await suggest(DEMO_CATEGORIES, "XQZT 99812 REF 0021", "-12.34", true);
    expect(result).toMatchObject({ category: null, needsReview: true, source: "none" });
  });

  it("never names a category the user does not have: a dictionary category maps onto theirs or is dropped", async () => {
    // No Fuel: a petrol station lands in their Transport.
    expect((await suggest(["Transport", "Groceries"], "SHELL OIL 57444", "-45.00")).category).toBe("Transport");
    // No category for cash at all: no suggestion rather than a made-up "Cash".
    const cash = await suggest(["Groceries", "Housing"], "GELDAUTOMAT SPARKASSE", "-100.00");
    expect(cash.category).toBeNull();
    expect(cash.needsReview).toBe(true);
  });

  it("suggests the right category for at least 90 % of the fixture, all of them among the user's categories", async () => {
    const training = generateDemoTransactions({ today: "2026-12-06" }).map((t) => ({ description: t.description, payee: null, amountMinor: t.amountMinor, category: t.category }));
    const categorizer = createCategorizer({ categories: categoriesForSuggestions(DEMO_CATEGORIES), trainingExamples: training });
    const results = await categorizer.categorizeBatch(NON_ENGLISH_TRANSACTIONS.map((t, i) => ({ id: String(i), description: t.description, amountMinor: parseAmount(t.amount)! })));
    let right = 0;
    results.forEach((r, i) => {
      if (isCategorizeFailure(r)) throw new Error(r.error);
      if (r.category) expect(DEMO_CATEGORIES as readonly string[]).toContain(r.category);
      if (r.category === NON_ENGLISH_TRANSACTIONS[i].category) right++;
    });
    expect(right / results.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe("categoriesForSuggestions", () => {
  it("is the user's own categories, trimmed and once each; the standard set only for a user with none", () => {
    expect(categoriesForSuggestions([" Rent ", "Salary", "Rent"])).toEqual(["Rent", "Salary"]);
    expect(categoriesForSuggestions([])).toContain("Groceries");
  });
});
