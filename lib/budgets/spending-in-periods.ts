import { db } from "../db";
import type { PeriodRange } from "../finance/budgets/period";
import { spendingFromNet } from "../finance/budgets/spending";

// A budget's spending in a period: the linked transactions dated in it (links are made by
// budget-processing over all of the user's transactions; the period only picks which count).
// The SQL sum stays numeric and reaches JS as text, so no number of large amounts overflows it.

export interface PeriodSpending {
  spent: bigint;
  transactionCount: number;
}

export async function spendingInPeriods(periods: ReadonlyMap<string, PeriodRange>): Promise<Map<string, PeriodSpending>> {
  const ids = [...periods.keys()];
  if (ids.length === 0) return new Map();
  const starts = ids.map((id) => periods.get(id)!.start);
  const ends = ids.map((id) => periods.get(id)!.end);
  const rows = await db().$queryRaw<{ budgetId: string; net: string; count: number }[]>`
    SELECT p.id AS "budgetId", COALESCE(SUM(t."amountMinor"), 0)::text AS net, COUNT(t.id)::int AS count
      FROM unnest(${ids}::text[], ${starts}::date[], ${ends}::date[]) AS p(id, s, e)
      LEFT JOIN "BudgetTransaction" bt ON bt."budgetId" = p.id
      LEFT JOIN "Transaction" t ON t.id = bt."transactionId" AND t.date BETWEEN p.s AND p.e
     GROUP BY p.id`;
  return new Map(rows.map((r) => [r.budgetId, { spent: spendingFromNet(BigInt(r.net)), transactionCount: r.count }]));
}
