import { Prisma } from "../generated/prisma/client";

// The SQL twin of lib/finance/countable.ts: the one definition of what a transaction counts as,
// used by the summary, budgets, insights and the forecast. Every fragment expects the
// transaction aliased `t`, and COUNTABLE_JOINS (its category as `c`, its account as `a`).
// tests/integration/countable-money.test.ts checks these against the TypeScript rule.

/** Joins the category (kind) and the account (currency) of `t`. */
export const COUNTABLE_JOINS = Prisma.sql`
  LEFT JOIN "Category" c ON c.id = t."categoryId"
  LEFT JOIN "FinancialAccount" a ON a.id = t."accountId"`;

/** True for a transfer: excluded from income, spending and every category. */
export const IS_TRANSFER = Prisma.sql`(t."transferPeerId" IS NOT NULL OR COALESCE(c.kind = 'transfer', false))`;

/** True for a row that is income (money in, uncategorized or in an income category, not a transfer). */
export const IS_INCOME = Prisma.sql`(NOT ${IS_TRANSFER} AND t."amountMinor" > 0 AND (c.id IS NULL OR c.kind = 'income'))`;

/** True for a row that is spending of its category (money out, or a refund: money in an expense category). */
export const IS_SPENDING = Prisma.sql`(NOT ${IS_TRANSFER} AND NOT ${IS_INCOME})`;

/** The row's income in minor units (0 unless income). */
export const INCOME_AMOUNT = Prisma.sql`(CASE WHEN ${IS_INCOME} THEN t."amountMinor" ELSE 0 END)`;

/** The row's spending in minor units: positive out, negative for a refund, 0 for income and transfers. */
export const SPENDING_AMOUNT = Prisma.sql`(CASE WHEN ${IS_SPENDING} THEN -t."amountMinor" ELSE 0 END)`;

/** The row's currency: its account's, else the user's main currency (rows added without an account). */
export function rowCurrency(mainCurrency: string): Prisma.Sql {
  return Prisma.sql`COALESCE(a.currency, ${mainCurrency}::text)`;
}
