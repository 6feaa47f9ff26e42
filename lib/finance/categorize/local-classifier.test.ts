import { describe, expect, it } from "vitest";
import { generateSyntheticTransactions, shuffled } from "../../../tests/fixtures/categorize/synthetic-transactions";
import { analyzeDescription } from "./clean-payee";
import { trainClassifier, type TrainingExample } from "./local-classifier";
import { payeeKey } from "./text";

const ex = (description: string, amountMinor: bigint, category: string, payee: string | null = null): TrainingExample => ({
  description,
  payee,
  amountMinor,
  category,
});

function repeat(n: number, make: (i: number) => TrainingExample): TrainingExample[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

describe("local classifier on a held-out split", () => {
  it("is accurate, and precise above the 0.6 review threshold, also for payees it never saw", () => {
    const rows = shuffled(generateSyntheticTransactions(12_500, 7), 11);
    const train = rows.slice(0, 10_000);
    const test = rows.slice(10_000);
    const model = trainClassifier(train);
    const seen = new Set(train.map((r) => payeeKey(analyzeDescription(r.description).payee)));

    const score = (set: typeof test) => {
      let correct = 0;
      let confident = 0;
      let confidentCorrect = 0;
      for (const row of set) {
        const p = model.predict(row);
        const ok = p?.category === row.category;
        if (ok) correct++;
        if (p && p.confidence >= 0.6) {
          confident++;
          if (ok) confidentCorrect++;
        }
      }
      return { n: set.length, accuracy: correct / set.length, precisionAt06: confidentCorrect / confident, coverageAt06: confident / set.length };
    };
    const all = score(test);
    const unseen = score(test.filter((r) => !seen.has(payeeKey(analyzeDescription(r.description).payee))));
    console.log("held-out (all):", JSON.stringify(all), "\nheld-out (unseen payees):", JSON.stringify(unseen));

    // About 4% of the labels are noise or inconsistent filing the model cannot know.
    expect(all.accuracy).toBeGreaterThan(0.94);
    expect(all.precisionAt06).toBeGreaterThan(0.95);
    expect(all.coverageAt06).toBeGreaterThan(0.93);
    expect(unseen.n).toBeGreaterThan(50);
    expect(unseen.precisionAt06).toBeGreaterThan(0.9);
  });

  it("learns from every one of 10,000 examples (its speed is in bench/categorize)", () => {
    const model = trainClassifier(generateSyntheticTransactions(10_000, 100));
    expect(model.exampleCount).toBe(10_000);
  });
});

describe("local classifier", () => {
  it("is more confident about a payee the more consistently it was filed", () => {
    const once = trainClassifier([ex("SQ *ROYAL GROUNDS COFFEE OAKLAND", -450n, "Coffee"), ex("SAFEWAY #1711", -4000n, "Groceries")]);
    const often = trainClassifier([
      ...repeat(8, () => ex("SQ *ROYAL GROUNDS COFFEE OAKLAND", -450n, "Coffee")),
      ex("SAFEWAY #1711", -4000n, "Groceries"),
    ]);
    const tx = { description: "SQ *ROYAL GROUNDS COFFEE OAKLAND", amountMinor: -525n };
    expect(once.predict(tx)).toMatchObject({ category: "Coffee", basis: "payee" });
    expect(once.predict(tx)!.confidence).toBeGreaterThanOrEqual(0.6);
    expect(often.predict(tx)!.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it("is less confident about a payee filed two ways", () => {
    const model = trainClassifier([
      ...repeat(3, () => ex("TARGET 00027861 EMERYVILLE CA", -3000n, "Shopping")),
      ...repeat(2, () => ex("TARGET 00027861 EMERYVILLE CA", -3000n, "Groceries")),
    ]);
    const p = model.predict({ description: "TARGET 00027861 EMERYVILLE CA", amountMinor: -3000n })!;
    expect(p.category).toBe("Shopping");
    expect(p.confidence).toBeLessThan(0.6);
  });

  it("uses the cleaned payee, so new store numbers and order codes still match", () => {
    const model = trainClassifier([ex("AMZN Mktp US*2K4L91", -2599n, "Household"), ex("SAFEWAY #1711", -4000n, "Groceries")]);
    expect(model.predict({ description: "AMAZON.COM*7Q2ZZ1 AMZN.COM/BILL WA", amountMinor: -1299n })?.category).toBe("Household");
  });

  it("generalizes words to a payee it never saw", () => {
    const model = trainClassifier([
      ...repeat(5, (i) => ex(`SQ *${["HARBOR", "MAPLE", "STONE", "FOX", "PINE"][i]} COFFEE`, -450n, "Coffee")),
      ...repeat(5, (i) => ex(`${["OKAFOR", "NOVAK", "BRENNAN", "TANAKA", "PETROV"][i]} DENTAL`, -12000n, "Health")),
    ]);
    expect(model.predict({ description: "SQ *LANTERN COFFEE", amountMinor: -500n })).toMatchObject({ category: "Coffee", basis: "words" });
    expect(model.predict({ description: "RAMIREZ DENTAL GROUP", amountMinor: -9000n })?.category).toBe("Health");
  });

  it("tells money in from money out for the same payee", () => {
    const model = trainClassifier([
      ...repeat(6, () => ex("VENMO PAYMENT 1023456789", -2500n, "Transfers")),
      ...repeat(5, () => ex("VENMO CASHOUT 1023456789", 4000n, "Income")),
    ]);
    expect(model.predict({ description: "VENMO PAYMENT 99", amountMinor: -1000n })?.category).toBe("Transfers");
    expect(model.predict({ description: "VENMO CASHOUT 99", amountMinor: 1000n })?.category).toBe("Income");
  });

  it("files a refund like the purchase when the payee has no refunds yet", () => {
    const model = trainClassifier([...repeat(4, () => ex("AMZN Mktp US*2K4L91", -2599n, "Shopping")), ex("ACME PAYROLL", 200000n, "Income")]);
    expect(model.predict({ description: "AMZN Mktp US*8XX111", amountMinor: 2599n })?.category).toBe("Shopping");
  });

  it("uses the payee given instead of cleaning the description", () => {
    const model = trainClassifier([ex("ACH DEBIT 88812", -5000n, "Insurance", "Lemonade"), ex("ACH DEBIT 12345", -5000n, "Utilities", "PG&E")]);
    expect(model.predict({ description: "ACH DEBIT 99999", payee: "Lemonade", amountMinor: -5000n })?.category).toBe("Insurance");
  });

  it("does not depend on the order of the examples", () => {
    const rows = generateSyntheticTransactions(2_000, 3);
    const a = trainClassifier(rows);
    const b = trainClassifier([...rows].reverse());
    const probes = generateSyntheticTransactions(300, 4);
    expect(probes.map((p) => a.predict(p))).toEqual(probes.map((p) => b.predict(p)));
  });

  it("skips examples without a category", () => {
    const model = trainClassifier([ex("NETFLIX.COM", -1549n, "Subscriptions"), ex("SOMETHING", -100n, "  ")]);
    expect(model.exampleCount).toBe(1);
    expect(model.categories).toEqual(["Subscriptions"]);
  });

  it("has nothing to say without training data", () => {
    expect(trainClassifier([]).predict({ description: "NETFLIX.COM", amountMinor: -1549n })).toBeNull();
  });
});
