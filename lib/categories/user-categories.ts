import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import type { CategoryKind } from "../finance/countable";
import { dispatchTransactionFollowUps, recordTransactionChange } from "../transactions/record-transaction-change";

// The user's categories and their kind. The kind decides what a category's money counts as
// (lib/finance/countable.ts): spending, income, or a transfer that counts as neither.

export interface CategoryView {
  id: string;
  name: string;
  kind: CategoryKind;
}

export const CATEGORY_KINDS = ["expense", "income", "transfer"] as const;

export const updateCategorySchema = z.object({ kind: z.enum(CATEGORY_KINDS) }).strict();

export async function listCategories(userId: string): Promise<CategoryView[]> {
  return db().category.findMany({ where: { userId }, select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } });
}

/**
 * Sets a category's kind. Every aggregate counts its money differently from now on: the
 * summary is recomputed (the change is recorded like a change of the category's transactions);
 * budgets count at read time, so their figures follow at once.
 */
export async function setCategoryKind(userId: string, id: string, body: unknown): Promise<CategoryView> {
  // Another user's category is a 404 whatever the body says.
  if (!(await db().category.findFirst({ where: { id, userId }, select: { id: true } }))) throw notFound("Category");
  const { kind } = updateCategorySchema.parse(body);
  const { category, followUps } = await db().$transaction(async (tx) => {
    const found = await tx.category.findFirst({ where: { id, userId }, select: { kind: true } });
    if (!found) throw notFound("Category");
    const category = await tx.category.update({ where: { id }, data: { kind }, select: { id: true, name: true, kind: true } });
    const followUps = found.kind === kind ? null : await recordTransactionChange(tx, userId, { budgets: "none" });
    return { category, followUps };
  });
  await dispatchTransactionFollowUps(followUps);
  return category;
}
