import { describe, expect, it } from "vitest";
import { STANDARD_CATEGORIES } from "./categories";
import { findKeywordHint, findMerchant, MERCHANTS } from "./merchants";
import { matchTokens, normalizeDescription } from "./text";

const tokens = (text: string) => matchTokens(normalizeDescription(text));
const merchantOf = (text: string) => findMerchant(tokens(text))?.merchant ?? null;

describe("merchant dictionary", () => {
  it.each([
    ["BLUE BOTTLE", "Blue Bottle", "Coffee"],
    ["AMZN MKTP US 2K4L91", "Amazon", "Shopping"],
    ["SPOTIFY", "Spotify", "Subscriptions"],
    ["SWEETGREEN 0213", "Sweetgreen", "Eating out"],
    ["UBER TRIP HELP UBER COM", "Uber", "Transport"],
    ["TRADER JOE'S #552 SAN FRANCISCO CA", "Trader Joe's", "Groceries"],
    ["SHELL OIL 57442", "Shell", "Fuel"],
  ])("knows the product example %s as %s (%s)", (text, name, category) => {
    const merchant = merchantOf(text);
    expect(merchant?.name).toBe(name);
    expect(merchant?.category).toBe(category);
  });

  it("has a few hundred merchants, each with a standard category, covering every category", () => {
    expect(MERCHANTS.length).toBeGreaterThanOrEqual(300);
    const categories = new Set(MERCHANTS.map((m) => m.category));
    for (const m of MERCHANTS) expect(STANDARD_CATEGORIES).toContain(m.category);
    for (const c of STANDARD_CATEGORIES) expect(categories.has(c), c).toBe(true);
  });

  it("never gives one alias to two merchants", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of MERCHANTS) {
      for (const alias of m.aliases) {
        const key = tokens(alias.replace(/^\^/, "")).join(" ");
        const previous = owner.get(key);
        if (previous && previous !== m.name) clashes.push(`${key}: ${previous} / ${m.name}`);
        owner.set(key, m.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("keeps confidences between 0 and 1", () => {
    for (const m of MERCHANTS) expect(m.confidence > 0 && m.confidence <= 1, m.name).toBe(true);
  });

  it("matches short aliases only at the start", () => {
    expect(merchantOf("BP#8812 OAKLAND CA")?.name).toBe("BP");
    expect(merchantOf("HARBOR BP SUPPLY")).toBeNull();
  });

  it("matches whole tokens only", () => {
    expect(merchantOf("SHELLFISH SHACK")).toBeNull();
  });

  it("finds the earliest merchant, longest alias first", () => {
    expect(merchantOf("UBER EATS HELP UBER COM")?.name).toBe("Uber Eats");
    expect(merchantOf("COSTCO GAS #0470")?.category).toBe("Fuel");
  });
});

describe("keyword hints", () => {
  it("names the kind of business when no merchant is known", () => {
    expect(findKeywordHint(tokens("ADEYEMI FAMILY DENTAL"), -12000n)?.category).toBe("Health");
    expect(findKeywordHint(tokens("SQ *HARBOR ROASTERS"), -450n)?.category).toBe("Coffee");
  });

  it("only calls money in income", () => {
    expect(findKeywordHint(tokens("INTEREST PAYMENT"), 312n)?.category).toBe("Income");
    expect(findKeywordHint(tokens("INTEREST PAYMENT"), -312n)?.category).not.toBe("Income");
  });

  it("prefers the more confident hint", () => {
    expect(findKeywordHint(tokens("HEALTH INSURANCE PREMIUM"), -20000n)?.category).toBe("Insurance");
  });
});
