import { ensureCategory } from "../categories/ensure-category";
import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { validateRule, type Rule } from "../finance/categorize";
import { previewRule, type RulePreview } from "./apply-rule";

// A user's categorization rules, applied first and in order by the categorize job.

export interface RuleView {
  id: string;
  position: number;
  field: string;
  operator: string;
  value: string;
  valueTo: string | null;
  category: string;
}

const withCategory = { category: { select: { name: true } } } as const;

function toView(r: { id: string; position: number; field: string; operator: string; value: string; valueTo: string | null; category: { name: string } }): RuleView {
  return { id: r.id, position: r.position, field: r.field, operator: r.operator, value: r.value, valueTo: r.valueTo, category: r.category.name };
}

export async function listRules(userId: string): Promise<RuleView[]> {
  const rows = await db().rule.findMany({ where: { userId }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], include: withCategory });
  return rows.map(toView);
}

export async function listRulesForCategorizer(userId: string): Promise<Rule[]> {
  return (await listRules(userId)) as Rule[];
}

/** Validates with the categorizer's own rule schema: a bad regex or bound is a 422 here, not a job error. */
function parseRule(input: unknown): Rule {
  const result = validateRule(input);
  if (!result.success) throw result.error;
  return result.data as Rule;
}

async function categoryIdFor(tx: Tx, userId: string, name: string): Promise<string> {
  return ensureCategory(tx, userId, name);
}

/** A parsed rule's columns (its category found or made by name). */
async function ruleColumns(tx: Tx, userId: string, rule: Rule) {
  return {
    field: rule.field,
    operator: rule.operator,
    value: rule.value,
    valueTo: rule.valueTo ?? null,
    categoryId: await categoryIdFor(tx, userId, rule.category),
  };
}

export async function createRule(userId: string, input: unknown): Promise<RuleView> {
  const rule = parseRule(input);
  const row = await db().$transaction(async (tx) => {
    const last = await tx.rule.findFirst({ where: { userId }, orderBy: { position: "desc" }, select: { position: true } });
    return tx.rule.create({
      data: {
        userId,
        position: (last?.position ?? -1) + 1,
        ...(await ruleColumns(tx, userId, rule)),
      },
      include: withCategory,
    });
  });
  return toView(row);
}

export async function updateRule(userId: string, id: string, input: Record<string, unknown>): Promise<RuleView> {
  const existing = (await listRules(userId)).find((r) => r.id === id);
  if (!existing) throw notFound("Rule");
  const rule = parseRule({ ...existing, ...input });
  const row = await db().$transaction(async (tx) =>
    tx.rule.update({
      where: { id },
      data: await ruleColumns(tx, userId, rule),
      include: withCategory,
    }),
  );
  return toView(row);
}

/** What saving `input` (a new rule, or rule `ruleId` edited) would change; a bad rule is a 422. */
export async function previewRuleInput(userId: string, input: unknown, ruleId?: string): Promise<RulePreview> {
  return previewRule(userId, parseRule(input), ruleId);
}

export async function deleteRule(userId: string, id: string): Promise<void> {
  const { count } = await db().rule.deleteMany({ where: { id, userId } });
  if (count === 0) throw notFound("Rule");
}

export async function reorderRules(userId: string, ids: string[]): Promise<RuleView[]> {
  const current = await db().rule.findMany({ where: { userId }, select: { id: true } });
  const known = new Set(current.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || !ids.every((id) => known.has(id))) {
    throw new AppError("validation_failed", "ids must list each of your rules exactly once", { fields: { ids: ["must list each of your rules exactly once"] } });
  }
  await db().$transaction(ids.map((id, position) => db().rule.update({ where: { id }, data: { position } })));
  return listRules(userId);
}
