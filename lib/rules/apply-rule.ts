import { db } from "../db";
import { notFound } from "../errors";
import {
  analyzeDescription,
  compileRules,
  firstMatchIs,
  matchRules,
  requiredWords,
  ruleSubjectFor,
  type CompiledRuleEntry,
  type Rule,
} from "../finance/categorize";
import { formatAmount, parseDecimalAmount } from "../finance/money";
import type { Prisma } from "../generated/prisma/client";
import type { TransactionChange } from "../transactions/record-transaction-change";
import { listRulesForCategorizer } from "./user-rules";

// Which of a user's transactions a rule takes: those whose first matching rule (in the user's
// order) is this one. Shared by the preview, the rule-apply job and the categorize run's
// "rules win" pass, so all three agree on the rows.
//
// The database narrows the rows (the rule's words with ILIKE, its amount bound), and the rule
// itself, compiled with RE2 (linear time, bounded program size), decides on each row. Rows are
// read newest first in keyset pages, so no query sorts or aggregates all of a user's rows.

export interface ScanRow {
  id: string;
  date: Date;
  description: string;
  payee: string | null;
  amountMinor: bigint;
  categoryId: string | null;
  categorySource: string | null;
  categoryConfidence: number | null;
  needsReview: boolean;
  suggestedCategory: string | null;
  category: { name: string } | null;
}

const scanSelect = {
  id: true,
  date: true,
  description: true,
  payee: true,
  amountMinor: true,
  categoryId: true,
  categorySource: true,
  categoryConfidence: true,
  needsReview: true,
  suggestedCategory: true,
  category: { select: { name: true } },
} satisfies Prisma.TransactionSelect;

/** The database's share of a rule: a superset of the rows the rule matches. */
export function ruleNarrowing(rule: Rule): Prisma.TransactionWhereInput {
  if (rule.field === "amount") {
    const low = parseDecimalAmount(rule.value);
    const high = rule.valueTo ? parseDecimalAmount(rule.valueTo) : null;
    if (low === null) return {};
    switch (rule.operator) {
      case "equals":
        return { amountMinor: low };
      case "gt":
        return { amountMinor: { gt: low } };
      case "lt":
        return { amountMinor: { lt: low } };
      default:
        return high === null ? { amountMinor: { gte: low } } : { amountMinor: { gte: low, lte: high } };
    }
  }
  const words = requiredWords(rule);
  if (!words || words.length === 0) return {};
  const column = rule.field === "payee" ? "payee" : "description";
  const all: Prisma.TransactionWhereInput = { AND: words.map((w) => ({ [column]: { contains: w, mode: "insensitive" } })) };
  // Without a stored payee the rule sees the one cleaned from the description (ruleSubjectFor).
  return column === "payee" ? { OR: [all, { payee: null }, { payee: "" }] } : all;
}

export interface RuleTarget {
  /** The user's rules, compiled, with the rule in its place. */
  rules: CompiledRuleEntry[];
  index: number;
  rule: Rule;
}

/**
 * The user's rules with `draft` in its place: replacing rule `ruleId` when given (an edit),
 * else added last (a new rule).
 */
export async function ruleTarget(userId: string, draft: Rule, ruleId?: string): Promise<RuleTarget> {
  const stored = await listRulesForCategorizer(userId);
  const list: Rule[] = [...stored];
  let index = ruleId ? list.findIndex((r) => r.id === ruleId) : -1;
  if (ruleId && index < 0) throw notFound("Rule");
  if (index < 0) {
    list.push(draft);
    index = list.length - 1;
  } else list[index] = { ...draft, id: ruleId };
  return { rules: compileRules(list), index, rule: draft };
}

export interface ScanPage {
  /** Rows the database returned (the narrowing's candidates). */
  scanned: number;
  /** Rows whose first matching rule is this one. */
  taken: ScanRow[];
  /** Rows this rule matches but an earlier rule takes. */
  shadowed: number;
  /** Where the next page starts; null when this was the last. */
  next: { date: Date; id: string } | null;
}

/** One page of candidates, newest first, after `after`. */
export async function scanRulePage(
  userId: string,
  target: RuleTarget,
  scope: Prisma.TransactionWhereInput,
  after: { date: Date; id: string } | null,
  take: number,
): Promise<ScanPage> {
  const keyset: Prisma.TransactionWhereInput = after ? { OR: [{ date: { lt: after.date } }, { date: after.date, id: { lt: after.id } }] } : {};
  const rows = await db().transaction.findMany({
    where: { userId, AND: [ruleNarrowing(target.rule), scope, keyset] },
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take,
    select: scanSelect,
  });
  const self = target.rules[target.index];
  const taken: ScanRow[] = [];
  let shadowed = 0;
  for (const row of rows) {
    const subject = ruleSubjectFor(row, analyzeDescription(row.description));
    if (firstMatchIs(target.rules, target.index, subject)) taken.push(row);
    else if (self.ok && self.rule.test(subject)) shadowed++;
  }
  const last = rows[rows.length - 1];
  return { scanned: rows.length, taken, shadowed, next: rows.length === take && last ? { date: last.date, id: last.id } : null };
}

// ---------------------------------------------------------------------------------------
// Preview

/** A preview reads at most this many candidate rows... */
export const PREVIEW_SCAN_CAP = 50_000;
/** ...and stops after this long, so one rule never holds a request (or the pool) for long. */
export const PREVIEW_TIME_BUDGET_MS = 1_500;
const PREVIEW_PAGE = 5_000;
const PREVIEW_SAMPLE = 20;

export interface RulePreviewRow {
  id: string;
  date: string;
  description: string;
  payee: string | null;
  amount: string;
  from: string | null;
  to: string;
}

export interface RulePreview {
  /** Rows whose category would change. */
  changes: number;
  /** Rows the rule takes that already have its category. */
  unchanged: number;
  /** Rows the rule matches that an earlier rule takes. */
  shadowed: number;
  /** True when every candidate was read: the counts are exact; else they are "at least". */
  complete: boolean;
  /** Candidate rows read. */
  scanned: number;
  /** The newest changes, current → new category. */
  sample: RulePreviewRow[];
}

/** What saving (or applying) `draft` would change, from the newest rows back. */
export async function previewRule(userId: string, draft: Rule, ruleId?: string, now: () => number = Date.now): Promise<RulePreview> {
  const started = now();
  const target = await ruleTarget(userId, draft, ruleId);
  const preview: RulePreview = { changes: 0, unchanged: 0, shadowed: 0, complete: true, scanned: 0, sample: [] };
  let after: { date: Date; id: string } | null = null;
  for (;;) {
    const page: ScanPage = await scanRulePage(userId, target, {}, after, PREVIEW_PAGE);
    preview.scanned += page.scanned;
    preview.shadowed += page.shadowed;
    for (const row of page.taken) {
      if (row.category?.name === draft.category) {
        preview.unchanged++;
        continue;
      }
      preview.changes++;
      if (preview.sample.length < PREVIEW_SAMPLE) {
        preview.sample.push({
          id: row.id,
          date: row.date.toISOString().slice(0, 10),
          description: row.description,
          payee: row.payee,
          amount: formatAmount(row.amountMinor),
          from: row.category?.name ?? null,
          to: draft.category,
        });
      }
    }
    if (!page.next) break;
    if (preview.scanned >= PREVIEW_SCAN_CAP || now() - started >= PREVIEW_TIME_BUDGET_MS) {
      preview.complete = false;
      break;
    }
    after = page.next;
  }
  return preview;
}

/** The summary and budgets follow a category change (what each batch records). */
export const CATEGORY_CHANGE: TransactionChange = { budgets: "none" };

// ---------------------------------------------------------------------------------------
// Rules win

/** Where a category came from the machine (never from the person or a rule). */
export const MACHINE_SOURCES = ["classifier", "dictionary", "llm"];

/**
 * Rows in `scope` whose category the classifier, dictionary or LLM set although one of the
 * user's rules matches them (the rule came later, or was saved without "apply"): each with the
 * category of its first matching rule. At most `limit` rows are read, newest first.
 */
export async function rowsRulesOverride(
  userId: string,
  rules: readonly Rule[],
  scope: Prisma.TransactionWhereInput,
  limit: number,
): Promise<{ id: string; category: string }[]> {
  if (rules.length === 0) return [];
  const compiled = compileRules(rules);
  const narrowings = rules.map(ruleNarrowing);
  const narrowed: Prisma.TransactionWhereInput = narrowings.some((n) => Object.keys(n).length === 0) ? {} : { OR: narrowings };
  const out: { id: string; category: string }[] = [];
  let after: { date: Date; id: string } | null = null;
  let read = 0;
  while (read < limit) {
    const keyset: Prisma.TransactionWhereInput = after ? { OR: [{ date: { lt: after.date } }, { date: after.date, id: { lt: after.id } }] } : {};
    const take = Math.min(2_000, limit - read);
    const rows = await db().transaction.findMany({
      where: { userId, categorySource: { in: MACHINE_SOURCES }, AND: [scope, narrowed, keyset] },
      orderBy: [{ date: "desc" }, { id: "desc" }],
      take,
      select: { id: true, date: true, description: true, payee: true, amountMinor: true, category: { select: { name: true } } },
    });
    read += rows.length;
    for (const row of rows) {
      const match = matchRules(compiled, ruleSubjectFor(row));
      if (match.kind === "match" && match.rule.category !== row.category?.name) out.push({ id: row.id, category: match.rule.category });
    }
    if (rows.length < take) break;
    const last = rows[rows.length - 1];
    after = { date: last.date, id: last.id };
  }
  return out;
}
