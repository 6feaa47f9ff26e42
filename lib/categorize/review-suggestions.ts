import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { dispatchTransactionFollowUps, recordTransactionChange } from "../transactions/record-transaction-change";
import { categoryId, toView, withCategory, type TransactionView } from "../transactions/transactions";

// Reviewing categorize suggestions in bulk: for each transaction the person accepts the
// suggestion (or the category they picked instead) or rejects it, and may correct the payee.
// One database transaction for the whole batch: an id that is not theirs, or an accept with
// no category to set, changes nothing and is reported.

export const MAX_REVIEW_ITEMS = 200;

const reviewItemSchema = z.object({
  id: z.string().min(1).max(64),
  action: z.enum(["accept", "reject"]),
  /** Accept with this category instead of the suggestion (theirs, or a new one). */
  category: z.string().trim().min(1, "Pick a category").max(64).optional(),
  /** The corrected merchant name; empty or null clears it. */
  payee: z.string().trim().max(200).nullable().optional(),
});

export const reviewSuggestionsSchema = z.object({
  items: z
    .array(reviewItemSchema)
    .min(1, "Choose at least one transaction")
    .max(MAX_REVIEW_ITEMS, `At most ${MAX_REVIEW_ITEMS} transactions at once`)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, "A transaction appears twice"),
});

export type ReviewSuggestionsInput = z.infer<typeof reviewSuggestionsSchema>;

export interface ReviewOutcome {
  transactions: TransactionView[];
  accepted: number;
  rejected: number;
  jobId: string;
}

export interface SuggestionsToReview {
  /** Newest first, as the transactions list; at most MAX_REVIEW_ITEMS. */
  transactions: TransactionView[];
  /** How many wait in all (the list stops at MAX_REVIEW_ITEMS). */
  total: number;
  /** The user's categories, for picking another one. */
  categories: string[];
}

/** The transactions whose suggestion waits for the user, and their categories. */
export async function listSuggestionsToReview(userId: string): Promise<SuggestionsToReview> {
  const where = { userId, needsReview: true };
  const [rows, total, categories] = await Promise.all([
    db().transaction.findMany({ where, orderBy: [{ date: "desc" }, { id: "desc" }], take: MAX_REVIEW_ITEMS, include: withCategory }),
    db().transaction.count({ where }),
    db().category.findMany({ where: { userId }, orderBy: { name: "asc" }, select: { name: true } }),
  ]);
  return { transactions: rows.map(toView), total, categories: categories.map((c) => c.name) };
}

export async function reviewSuggestions(userId: string, input: ReviewSuggestionsInput): Promise<ReviewOutcome> {
  const ids = input.items.map((i) => i.id);
  const { rows, followUps } = await db().$transaction(async (tx) => {
    const owned = await tx.transaction.findMany({
      where: { userId, id: { in: ids } },
      select: { id: true, description: true, payee: true, categoryId: true, suggestedCategory: true },
    });
    const byId = new Map(owned.map((t) => [t.id, t]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) throw new AppError("not_found", `Transaction not found: ${missing.join(", ")}`, { missing });
    const noCategory = input.items.filter((i) => i.action === "accept" && !i.category && !byId.get(i.id)!.suggestedCategory);
    if (noCategory.length) {
      throw new AppError("validation_failed", "Pick a category for the transactions without a suggestion", {
        fields: { items: noCategory.map((i) => `${i.id}: pick a category`) },
      });
    }

    const rows = [];
    for (const item of input.items) {
      const payee = item.payee !== undefined ? { payee: item.payee || null } : {};
      const data =
        item.action === "accept"
          ? {
              // The person's word: kept by later categorize runs, and it trains the classifier.
              categoryId: await categoryId(tx, userId, item.category ?? byId.get(item.id)!.suggestedCategory),
              categorySource: "user",
              categoryConfidence: null,
              needsReview: false,
              suggestedCategory: null,
              ...payee,
            }
          : // "user" with no category: the person said none of these, so later runs leave it be.
            { needsReview: false, suggestedCategory: null, categorySource: "user", ...payee };
      rows.push(await tx.transaction.update({ where: { id: item.id }, data, include: withCategory }));
    }
    return { rows, followUps: await recordTransactionChange(tx, userId, { budgets: { rows: [...owned, ...rows] }, transfers: "none" }) };
  });
  await dispatchTransactionFollowUps(followUps);
  return {
    transactions: rows.map(toView),
    accepted: input.items.filter((i) => i.action === "accept").length,
    rejected: input.items.filter((i) => i.action === "reject").length,
    jobId: followUps.summary!.id,
  };
}
