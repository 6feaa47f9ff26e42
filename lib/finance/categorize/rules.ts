// A user's categorization rules: "when <field> <operator> <value> → <category>", in order,
// first match wins. The JSON shape mirrors the Rule table (prisma/schema.prisma) with the
// category by name:
//
//   { "id": "r1", "field": "payee",       "operator": "equals",   "value": "Blue Bottle", "category": "Coffee" }
//   { "id": "r2", "field": "description", "operator": "regex",    "value": "^ACME CORP",  "category": "Income" }
//   { "id": "r3", "field": "amount",      "operator": "between",  "value": "-8.00", "valueTo": "-3.50", "category": "Coffee" }
//
// Text operators (contains, equals, starts_with, ends_with) ignore case and runs of spaces;
// regex is an RE2 pattern (no look-around, no back-references), matched case-insensitively in
// time linear in the text: one user's pattern must never stall the worker every user shares. Amount operators (equals, gt,
// lt, between) compare the signed amount: negative is money out, so "spent more than 100"
// is `lt "-100.00"`; between is inclusive and needs value <= valueTo.

import { RE2JS } from "re2js";
import { z } from "zod";
import { parseDecimalAmount } from "../money";

export const RULE_FIELDS = ["description", "payee", "amount"] as const;
export const RULE_OPERATORS = ["contains", "equals", "starts_with", "ends_with", "regex", "gt", "lt", "between"] as const;
export const TEXT_OPERATORS = ["contains", "equals", "starts_with", "ends_with", "regex"] as const;
export const AMOUNT_OPERATORS = ["equals", "gt", "lt", "between"] as const;

export type RuleField = (typeof RULE_FIELDS)[number];
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A rule as stored or sent by the rules page. */
export interface Rule {
  /** The Rule row id; used in error messages. */
  id?: string;
  field: RuleField;
  operator: RuleOperator;
  /** Text or pattern; for amount rules a decimal like "-12.34". */
  value: string;
  /** Upper bound for "between" (a decimal); null/absent otherwise. */
  valueTo?: string | null;
  /** Category name. */
  category: string;
}

/** A rule as it may come out of the database, before validation (field/operator are strings). */
export interface RuleInput {
  id?: string;
  field: string;
  operator: string;
  value: string;
  valueTo?: string | null;
  category: string;
}

export const MAX_RULE_VALUE_LENGTH = 200;
/**
 * RE2 matches in time linear in the text, but the constant is the size of the compiled
 * program: `.{0,1000}x{0,1000}` is 4,000 instructions and takes 150 ms on a 10,000-character
 * description. Capped so every accepted pattern stays in the low milliseconds.
 */
export const MAX_REGEX_PROGRAM_SIZE = 500;

/** Compiles a rule pattern with RE2 (case-insensitive); throws RE2's syntax error. */
function compilePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/** The number of instructions RE2 compiled the pattern to (its internal program). */
function programSize(re: RE2JS): number {
  return (re.re2() as unknown as { prog: { inst: unknown[] } }).prog.inst.length;
}

/** The reason a pattern is not accepted, in words, or null when it is fine. */
export function regexProblem(pattern: string): string | null {
  let re: RE2JS;
  try {
    re = compilePattern(pattern);
  } catch (err) {
    const reason = (err as Error).message.replace(/^error parsing regexp: /, "");
    return `Invalid regular expression: ${reason} (patterns use RE2 syntax: no look-ahead, look-behind or back-references)`;
  }
  if (programSize(re) > MAX_REGEX_PROGRAM_SIZE) return "This pattern is too large to match quickly; use fewer or smaller repetition counts";
  return null;
}

export const ruleSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    field: z.enum(RULE_FIELDS),
    operator: z.enum(RULE_OPERATORS),
    value: z.string().trim().min(1, "Enter a value").max(MAX_RULE_VALUE_LENGTH),
    valueTo: z.string().trim().max(MAX_RULE_VALUE_LENGTH).nullable().optional(),
    category: z.string().trim().min(1, "Choose a category").max(64),
  })
  .superRefine((rule, ctx) => {
    const isAmount = rule.field === "amount";
    if (isAmount && !(AMOUNT_OPERATORS as readonly string[]).includes(rule.operator)) {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `An amount rule uses ${AMOUNT_OPERATORS.join(", ")}` });
      return;
    }
    if (!isAmount && !(TEXT_OPERATORS as readonly string[]).includes(rule.operator)) {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `A ${rule.field} rule uses ${TEXT_OPERATORS.join(", ")}` });
      return;
    }
    if (rule.operator === "regex") {
      const problem = regexProblem(rule.value);
      if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
    }
    if (isAmount) {
      const low = parseDecimalAmount(rule.value);
      if (low === null) ctx.addIssue({ code: "custom", path: ["value"], message: 'Use a decimal amount like "-12.34" (negative is money out)' });
      if (rule.operator === "between") {
        const high = rule.valueTo == null || rule.valueTo === "" ? null : parseDecimalAmount(rule.valueTo);
        if (high === null) {
          ctx.addIssue({ code: "custom", path: ["valueTo"], message: "Between needs an upper amount" });
        } else if (low !== null && low > high) {
          ctx.addIssue({ code: "custom", path: ["valueTo"], message: "The upper amount must not be below the lower one" });
        }
      }
    }
    if (rule.operator !== "between" && rule.valueTo != null && rule.valueTo !== "") {
      ctx.addIssue({ code: "custom", path: ["valueTo"], message: "Only a between rule has an upper amount" });
    }
  });

/** Validates one rule for the rules page or API (zod result with field paths). */
export function validateRule(input: unknown) {
  return ruleSchema.safeParse(input);
}

/** Validates an ordered list of rules. */
export const rulesSchema = z.array(ruleSchema).max(500);

// ---------------------------------------------------------------------------------------
// Matching

export interface RuleSubject {
  description: string;
  payee?: string | null;
  amountMinor: bigint;
}

export interface CompiledRule {
  /** Position in the list (0-based) and the rule id, for messages. */
  index: number;
  id?: string;
  category: string;
  test(tx: RuleSubject): boolean;
}

/** A rule that failed validation: reaching it while matching is an error for that transaction. */
export interface InvalidRule {
  index: number;
  id?: string;
  error: string;
}

export type CompiledRuleEntry = { ok: true; rule: CompiledRule } | { ok: false; rule: InvalidRule };

function normalizeText(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function describe(index: number, id?: string): string {
  return `Rule ${index + 1}${id ? ` (${id})` : ""}`;
}

/** Validates and compiles one rule; never throws. */
export function compileRule(input: RuleInput | Rule, index: number): CompiledRuleEntry {
  const parsed = ruleSchema.safeParse(input);
  const id = typeof input?.id === "string" ? input.id : undefined;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    return { ok: false, rule: { index, id, error: `${describe(index, id)} is invalid: ${where}${issue.message}` } };
  }
  const rule = parsed.data;
  const category = rule.category;
  const pick = (tx: RuleSubject) => (rule.field === "payee" ? (tx.payee ?? "") : tx.description);

  let test: (tx: RuleSubject) => boolean;
  if (rule.field === "amount") {
    const low = parseDecimalAmount(rule.value)!;
    const high = rule.valueTo ? parseDecimalAmount(rule.valueTo) : null;
    switch (rule.operator) {
      case "equals":
        test = (tx) => tx.amountMinor === low;
        break;
      case "gt":
        test = (tx) => tx.amountMinor > low;
        break;
      case "lt":
        test = (tx) => tx.amountMinor < low;
        break;
      default: // between, inclusive
        test = (tx) => tx.amountMinor >= low && tx.amountMinor <= high!;
    }
  } else if (rule.operator === "regex") {
    const re = compilePattern(rule.value);
    test = (tx) => re.test(pick(tx));
  } else {
    const needle = normalizeText(rule.value);
    switch (rule.operator) {
      case "contains":
        test = (tx) => normalizeText(pick(tx)).includes(needle);
        break;
      case "equals":
        test = (tx) => normalizeText(pick(tx)) === needle;
        break;
      case "starts_with":
        test = (tx) => normalizeText(pick(tx)).startsWith(needle);
        break;
      default: // ends_with
        test = (tx) => normalizeText(pick(tx)).endsWith(needle);
    }
  }
  return { ok: true, rule: { index, id: rule.id, category, test } };
}

/** Compiles an ordered list; invalid rules stay in place as InvalidRule entries. */
export function compileRules(rules: readonly (RuleInput | Rule)[]): CompiledRuleEntry[] {
  return rules.map((r, i) => compileRule(r, i));
}

export type RuleMatch =
  | { kind: "match"; rule: CompiledRule }
  | { kind: "none" }
  | { kind: "error"; error: string };

/**
 * First matching rule. An invalid rule reached before any match is an error (not skipped):
 * skipping it could let a later rule pick a category the user did not intend.
 */
export function matchRules(rules: readonly CompiledRuleEntry[], tx: RuleSubject): RuleMatch {
  for (const entry of rules) {
    if (!entry.ok) return { kind: "error", error: entry.rule.error };
    if (entry.rule.test(tx)) return { kind: "match", rule: entry.rule };
  }
  return { kind: "none" };
}

// ---------------------------------------------------------------------------------------
// Narrowing a scan

/**
 * Words every text a rule matches contains (case-insensitively), so a database query can
 * narrow the rows before the rule itself decides: a superset, never a miss. Contains, equals,
 * starts_with and ends_with need each word of the value (runs of spaces are one space to the
 * rule); a regex and an amount rule give none (null). A word with a backslash is left out
 * (LIKE would read it as an escape).
 */
export function requiredWords(rule: Pick<Rule, "field" | "operator" | "value">): string[] | null {
  if (rule.field === "amount" || rule.operator === "regex") return null;
  const words = normalizeText(rule.value)
    .split(" ")
    .filter((w) => w && !w.includes("\\"));
  return [...new Set(words)];
}

/** Whether a compiled list's first match for `subject` is the rule at `index` (an invalid rule before it: no). */
export function firstMatchIs(rules: readonly CompiledRuleEntry[], index: number, subject: RuleSubject): boolean {
  const match = matchRules(rules, subject);
  return match.kind === "match" && match.rule.index === index;
}
