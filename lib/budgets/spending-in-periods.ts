import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { PeriodRange } from "../finance/budgets/period";
import { spendingFromNet } from "../finance/budgets/spending";
import { COUNTABLE_JOINS, IS_SPENDING, SPENDING_AMOUNT } from "../summary/countable-sql";

// A budget's spending in a period: the linked transactions dated in it (links are made by
// budget-processing over all of the user's transactions; the period only picks which count).
// What counts is the rule of lib/summary/countable-sql.ts, applied here at count time (a link
// made before the transfer matcher paired a row stops counting once it is paired): transfers
// are left out, a refund lowers the spending, income does not. A budget is in the user's main
// currency: transactions in an account of another currency do not count towards it.
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
  const counted = Prisma.sql`${IS_SPENDING} AND COALESCE(a.currency, u.currency) = u.currency`;
  const rows = await db().$queryRaw<{ budgetId: string; net: string; count: number }[]>`
    SELECT p.id AS "budgetId",
           COALESCE(-SUM(${SPENDING_AMOUNT}) FILTER (WHERE ${counted}), 0)::text AS net,
           COUNT(t.id) FILTER (WHERE ${counted})::int AS count
      FROM unnest(${ids}::text[], ${starts}::date[], ${ends}::date[]) AS p(id, s, e)
      JOIN "Budget" b ON b.id = p.id
      JOIN "User" u ON u.id = b."userId"
      LEFT JOIN "BudgetTransaction" bt ON bt."budgetId" = p.id
      LEFT JOIN "Transaction" t ON t.id = bt."transactionId" AND t.date BETWEEN p.s AND p.e
      ${COUNTABLE_JOINS}
     GROUP BY p.id`;
  return new Map(rows.map((r) => [r.budgetId, { spent: spendingFromNet(BigInt(r.net)), transactionCount: r.count }]));
}
