import { describe, expect, it } from "vitest";
import { containsPattern, matchesBudget, normalizeTerms } from "./match";

const tx = (description: string, payee: string | null = null, categoryId: string | null = null) => ({ description, payee, categoryId });

describe("matchesBudget", () => {
  it("catches a keyword in the description or the payee, whatever the case", () => {
    const coffee = { categoryId: null, keywords: ["coffee", "bottle"], payees: [] };
    expect(matchesBudget(coffee, tx("SQ *BLUE BOTTLE #123 OAKLAND"))).toBe(true);
    expect(matchesBudget(coffee, tx("CARD 4411", "Peet's Coffee"))).toBe(true);
    expect(matchesBudget(coffee, tx("SAFEWAY 1234", "Safeway"))).toBe(false);
  });

  it("takes payees as exact names, case-insensitively", () => {
    const c = { categoryId: null, keywords: [], payees: ["Starbucks"] };
    expect(matchesBudget(c, tx("SBUX 1", "STARBUCKS"))).toBe(true);
    expect(matchesBudget(c, tx("SBUX 1", "Starbucks Reserve"))).toBe(false);
    expect(matchesBudget(c, tx("STARBUCKS 1", null))).toBe(false);
  });

  it("needs the category and the keywords when both are set", () => {
    const c = { categoryId: "cat-coffee", keywords: ["blue"], payees: [] };
    expect(matchesBudget(c, tx("BLUE BOTTLE", null, "cat-coffee"))).toBe(true);
    expect(matchesBudget(c, tx("BLUE BOTTLE", null, "cat-other"))).toBe(false);
    expect(matchesBudget(c, tx("PHILZ", null, "cat-coffee"))).toBe(false);
    expect(matchesBudget({ categoryId: "cat-coffee", keywords: [], payees: [] }, tx("PHILZ", null, "cat-coffee"))).toBe(true);
  });

  it("matches nothing without any criteria", () => {
    expect(matchesBudget({ categoryId: null, keywords: [], payees: [] }, tx("anything"))).toBe(false);
  });
});

describe("terms", () => {
  it("escapes LIKE wildcards so a keyword matches literally", () => {
    expect(containsPattern("50%_off")).toBe("%50\\%\\_off%");
    expect(containsPattern("a\\b")).toBe("%a\\\\b%");
  });

  it("trims and drops empty and duplicate terms", () => {
    expect(normalizeTerms([" Coffee ", "coffee", "", "Tea"])).toEqual(["Coffee", "Tea"]);
  });
});
