import { detectCategoryCreep } from "./category-creep";
import { detectRecurringPayments } from "./recurring-payments";
import { detectSpendingSpikes, MONTHLY_SPIKE, WEEKLY_SPIKE } from "./spending-spike";
import type { InsightDraft, InsightTransaction, RuleContext } from "./insight-types";

export * from "./insight-types";
export { detectSpendingSpikes, WEEKLY_SPIKE, MONTHLY_SPIKE } from "./spending-spike";
export { detectCategoryCreep, CREEP_RULE } from "./category-creep";
export { detectRecurringPayments, findRecurringPattern, merchantOf, CADENCES } from "./recurring-payments";

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;

/** Every rule over the user's transactions; most severe first. */
export function generateInsightDrafts(txs: readonly InsightTransaction[], ctx: RuleContext): InsightDraft[] {
  return [
    ...detectSpendingSpikes(txs, ctx, WEEKLY_SPIKE),
    ...detectSpendingSpikes(txs, ctx, MONTHLY_SPIKE),
    ...detectCategoryCreep(txs, ctx),
    ...detectRecurringPayments(txs, ctx),
  ].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
