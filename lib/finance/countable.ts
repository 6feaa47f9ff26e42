// What a transaction counts as in every aggregate (summary, budgets, insights, forecast),
// issue 14's rule in one place. The SQL twin is lib/summary/countable-sql.ts; a test runs both
// over the same rows (tests/integration/countable-money.test.ts).
//
//   - A transfer (the row has a transfer peer, or its category's kind is "transfer") is
//     neither income nor spending and belongs to no category's spending.
//   - Money in that is uncategorized or in an income category is income.
//   - Everything else is spending of its category: money out adds to it, money in (a refund
//     in an expense category) takes from it.
// Amounts of different currencies are never added: every aggregate groups by currency.

export type CategoryKind = "expense" | "income" | "transfer";
export type CountsAs = "transfer" | "income" | "spending";

/** The rule as one sentence, shown on the dashboard. */
export const COUNTING_RULE_TEXT =
  "Transfers between your accounts are neither income nor spending; a refund lowers its category's spending instead of counting as income.";

export interface CountableRow {
  /** Minor units; negative is money out. */
  amountMinor: bigint;
  /** The category's kind; null when uncategorized. */
  categoryKind: CategoryKind | null;
  /** Set when the row is one side of a matched transfer. */
  transferPeerId?: string | null;
}

export function countsAs(row: CountableRow): CountsAs {
  if (row.transferPeerId || row.categoryKind === "transfer") return "transfer";
  if (row.amountMinor > 0n && (row.categoryKind === null || row.categoryKind === "income")) return "income";
  return "spending";
}

/** Income from the row (≥ 0). */
export function incomeOf(row: CountableRow): bigint {
  return countsAs(row) === "income" ? row.amountMinor : 0n;
}

/** The row's part of its category's spending: positive for money out, negative for a refund. */
export function spendingOf(row: CountableRow): bigint {
  return countsAs(row) === "spending" ? -row.amountMinor : 0n;
}
