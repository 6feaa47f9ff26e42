import { describe, expect, it } from "vitest";
import { compileRule, compileRules, firstMatchIs, matchRules, regexProblem, requiredWords, validateRule, type Rule, type RuleInput } from "./rules";

const tx = (description: string, amountMinor: bigint, payee: string | null = null) => ({ description, payee, amountMinor });

function matches(rule: Rule, subject: ReturnType<typeof tx>): boolean {
  const compiled = compileRule(rule, 0);
  if (!compiled.ok) throw new Error(compiled.rule.error);
  return compiled.rule.test(subject);
}

describe("rule matching", () => {
  it("compares payee text ignoring case and extra spaces", () => {
    const rule: Rule = { field: "payee", operator: "equals", value: "blue  bottle", category: "Coffee" };
    expect(matches(rule, tx("SQ *BLUE BOTTLE #123", -500n, "Blue Bottle"))).toBe(true);
    expect(matches(rule, tx("SQ *BLUE BOTTLE #123", -500n, "Blue Bottle Coffee"))).toBe(false);
  });

  it("finds text anywhere in the description with contains", () => {
    expect(matches({ field: "description", operator: "contains", value: "payroll", category: "Income" }, tx("ACME CORP PAYROLL PPD", 100n))).toBe(true);
  });

  it("anchors starts_with and ends_with", () => {
    const starts: Rule = { field: "description", operator: "starts_with", value: "AMZN", category: "Shopping" };
    const ends: Rule = { field: "description", operator: "ends_with", value: "oakland ca", category: "Local" };
    expect(matches(starts, tx("AMZN Mktp US*2K4L91", -100n))).toBe(true);
    expect(matches(starts, tx("PAYPAL *AMZN", -100n))).toBe(false);
    expect(matches(ends, tx("PIZZAIOLO OAKLAND CA", -100n))).toBe(true);
  });

  it("matches a regex case-insensitively", () => {
    const rule: Rule = { field: "description", operator: "regex", value: "^(uber|lyft)\\b.*trip", category: "Transport" };
    expect(matches(rule, tx("UBER *TRIP HELP.UBER.COM", -1500n))).toBe(true);
    expect(matches(rule, tx("UBER *EATS", -1500n))).toBe(false);
  });

  it("compares amounts with their sign: negative is money out", () => {
    const bigSpend: Rule = { field: "amount", operator: "lt", value: "-100.00", category: "Big" };
    const income: Rule = { field: "amount", operator: "gt", value: "0", category: "Income" };
    expect(matches(bigSpend, tx("X", -10001n))).toBe(true);
    expect(matches(bigSpend, tx("X", -10000n))).toBe(false);
    expect(matches(bigSpend, tx("X", 50000n))).toBe(false);
    expect(matches(income, tx("X", 1n))).toBe(true);
  });

  it("includes both ends of between", () => {
    const rule: Rule = { field: "amount", operator: "between", value: "-8.00", valueTo: "-3.50", category: "Coffee" };
    expect(matches(rule, tx("X", -800n))).toBe(true);
    expect(matches(rule, tx("X", -350n))).toBe(true);
    expect(matches(rule, tx("X", -801n))).toBe(false);
    expect(matches(rule, tx("X", -349n))).toBe(false);
  });

  it("matches an exact amount with equals", () => {
    expect(matches({ field: "amount", operator: "equals", value: "-15.49", category: "Subscriptions" }, tx("NETFLIX", -1549n))).toBe(true);
  });

  it("lets the first matching rule win", () => {
    const rules = compileRules([
      { id: "r1", field: "description", operator: "contains", value: "uber eats", category: "Eating out" },
      { id: "r2", field: "description", operator: "contains", value: "uber", category: "Transport" },
    ]);
    const first = matchRules(rules, tx("UBER EATS PENDING", -2000n));
    const second = matchRules(rules, tx("UBER TRIP", -2000n));
    expect(first.kind === "match" && first.rule.id).toBe("r1");
    expect(second.kind === "match" && second.rule.category).toBe("Transport");
    expect(matchRules(rules, tx("LYFT RIDE", -2000n)).kind).toBe("none");
  });

  it("reports an invalid rule reached before any match as an error", () => {
    const rules = compileRules([
      { id: "ok", field: "payee", operator: "equals", value: "Netflix", category: "Subscriptions" },
      { id: "bad", field: "description", operator: "regex", value: "(unclosed", category: "X" } as RuleInput,
    ]);
    expect(matchRules(rules, tx("NETFLIX.COM", -1549n, "Netflix")).kind).toBe("match");
    const reached = matchRules(rules, tx("SPOTIFY", -1199n, "Spotify"));
    expect(reached.kind).toBe("error");
    expect(reached.kind === "error" && reached.error).toMatch(/Rule 2 \(bad\) is invalid: value: Invalid regular expression/);
  });

  it("treats a missing payee as empty text", () => {
    expect(matches({ field: "payee", operator: "contains", value: "x", category: "X" }, tx("X", -1n, null))).toBe(false);
  });
});

describe("rule validation", () => {
  it("accepts a stored Rule row (valueTo null) and trims values", () => {
    const result = validateRule({ id: "r1", field: "payee", operator: "equals", value: "  Blue Bottle ", valueTo: null, category: "Coffee" });
    expect(result.success).toBe(true);
    expect(result.success && result.data.value).toBe("Blue Bottle");
  });

  it.each([
    ["an unknown field", { field: "memo", operator: "contains", value: "x", category: "C" }, "field"],
    ["an unknown operator", { field: "payee", operator: "like", value: "x", category: "C" }, "operator"],
    ["a text operator on an amount", { field: "amount", operator: "contains", value: "5", category: "C" }, "operator"],
    ["an amount operator on text", { field: "description", operator: "gt", value: "5", category: "C" }, "operator"],
    ["an amount that is not a decimal", { field: "amount", operator: "gt", value: "12.345", category: "C" }, "value"],
    ["between without an upper bound", { field: "amount", operator: "between", value: "1", category: "C" }, "valueTo"],
    ["between with the bounds reversed", { field: "amount", operator: "between", value: "5", valueTo: "1", category: "C" }, "valueTo"],
    ["an upper bound on a non-between rule", { field: "amount", operator: "gt", value: "1", valueTo: "5", category: "C" }, "valueTo"],
    ["a regex that does not compile", { field: "description", operator: "regex", value: "[a-", category: "C" }, "value"],
    ["a regex with look-ahead, which RE2 cannot match in linear time", { field: "description", operator: "regex", value: "acme(?=corp)", category: "C" }, "value"],
    ["an empty value", { field: "payee", operator: "equals", value: "  ", category: "C" }, "value"],
    ["a missing category", { field: "payee", operator: "equals", value: "x", category: "" }, "category"],
  ])("rejects %s", (_what, input, path) => {
    const result = validateRule(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((i) => i.path[0] === path)).toBe(true);
  });

  it("explains why a regex is refused", () => {
    expect(regexProblem("(a)\\1")).toMatch(/Invalid regular expression: invalid escape sequence.*back-references/);
    expect(regexProblem("(?<=x)a")).toMatch(/Invalid regular expression: .*look-behind/);
    expect(regexProblem("[\\s\\S]{0,1000}x{0,1000}y")).toMatch(/too large to match quickly/);
    expect(regexProblem("^acme")).toBeNull();
  });

  // Issue 11: with backtracking, 26 "a"s took 1.4 s on (a|a)*b and each two more tripled it.
  it.each(["(a|a)*b", "(.|a)*!", "(?:a|a)+?b", "(a+)+$", "(\\w+\\s?)*$"])("matches %s against a 10,000-character description in linear time", (pattern) => {
    expect(regexProblem(pattern)).toBeNull();
    const compiled = compileRule({ field: "description", operator: "regex", value: pattern, category: "C" }, 0);
    if (!compiled.ok) throw new Error(compiled.rule.error);
    const timed = (description: string) => {
      const started = performance.now();
      compiled.rule.test({ description, amountMinor: -1n });
      return performance.now() - started;
    };
    timed("warm up the matcher");
    // 26 characters first: a backtracking engine takes seconds here, so it fails before the long one.
    expect(timed("a".repeat(26))).toBeLessThan(50);
    expect(timed(`${"a".repeat(9_999)}_`)).toBeLessThan(50);
  });
});

describe("narrowing a scan", () => {
  it("asks for each word of a text rule, lower-cased, spaces collapsed", () => {
    expect(requiredWords({ field: "description", operator: "equals", value: "  Uber   EATS ", })).toEqual(["uber", "eats"]);
    expect(requiredWords({ field: "payee", operator: "starts_with", value: "Blue Bottle" })).toEqual(["blue", "bottle"]);
  });

  it("gives no words for a regex or an amount, and leaves out a word LIKE would read as an escape", () => {
    expect(requiredWords({ field: "description", operator: "regex", value: "^uber" })).toBeNull();
    expect(requiredWords({ field: "amount", operator: "lt", value: "-100" })).toBeNull();
    expect(requiredWords({ field: "description", operator: "contains", value: "a\\b shop" })).toEqual(["shop"]);
  });

  it("every text a rule matches contains its words (the narrowing never misses a row)", () => {
    const rule: Rule = { field: "description", operator: "contains", value: "uber eats", category: "X" };
    const compiled = compileRule(rule, 0);
    if (!compiled.ok) throw new Error(compiled.rule.error);
    for (const text of ["UBER\tEATS", "my Uber   eats order", "UBER\u00a0EATS"]) {
      const matched = compiled.rule.test({ description: text, amountMinor: -1n });
      const narrowed = requiredWords(rule)!.every((w) => text.toLowerCase().includes(w));
      if (matched) expect(narrowed, text).toBe(true);
    }
  });

  it("says whether a rule is the first match, not merely a match", () => {
    const rules = compileRules([
      { field: "description", operator: "contains", value: "uber eats", category: "Eating out" },
      { field: "description", operator: "contains", value: "uber", category: "Transport" },
    ]);
    expect(firstMatchIs(rules, 1, { description: "UBER TRIP", amountMinor: -1n })).toBe(true);
    expect(firstMatchIs(rules, 1, { description: "UBER EATS", amountMinor: -1n })).toBe(false);
  });
});
