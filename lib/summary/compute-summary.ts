import { db, type Tx } from "../db";
import { PermanentJobError } from "../errors";
import {
  buildMonthSummary,
  buildSummary,
  monthBounds,
  type MonthSummary,
  type SummaryAggregateRow,
  type SummaryData,
} from "../finance/summary";
import { Prisma } from "../generated/prisma/client";
import { COUNTABLE_JOINS, INCOME_AMOUNT, IS_TRANSFER, rowCurrency, SPENDING_AMOUNT } from "./countable-sql";

// Recomputes a user's summary with SQL aggregation: one pass over the user's transactions
// grouped by month, category and currency (bench/summary compares it with a plain aggregate), read in
// the same snapshot as the user's dataVersion so the stored summary says what it reflects.

export interface ComputedSummary {
  data: SummaryData;
  version: bigint;
  transactionCount: number;
}

/**
 * The summary's one aggregate: income, net spending and row count per month, category and
 * currency, by the counting rule of lib/summary/countable-sql.ts. Bounded to [from, to) when
 * given (a month of the month switcher walks only that month's rows of the (userId, date) index).
 */
export async function aggregateSummaryRows(
  tx: Tx,
  userId: string,
  mainCurrency: string,
  range?: { from: string; to: string },
): Promise<SummaryAggregateRow[]> {
  const bounded = range ? Prisma.sql`AND t.date >= ${range.from}::date AND t.date < ${range.to}::date` : Prisma.empty;
  // SUM over bigint is numeric in Postgres: it cannot overflow, and it crosses into JS as
  // text so BigInt holds it exactly (a ::bigint cast failed with "bigint out of range" once
  // ten thousand large amounts were added up).
  const sums = await tx.$queryRaw<{ month: string; categoryId: string | null; currency: string; income: string; expenses: string; count: number }[]>`
    SELECT to_char(date_trunc('month', t.date), 'YYYY-MM') AS month,
           CASE WHEN ${IS_TRANSFER} THEN NULL ELSE t."categoryId" END AS "categoryId",
           ${rowCurrency(mainCurrency)} AS currency,
           COALESCE(SUM(${INCOME_AMOUNT}), 0)::text AS income,
           COALESCE(SUM(${SPENDING_AMOUNT}), 0)::text AS expenses,
           COUNT(*)::int AS count
      FROM "Transaction" t ${COUNTABLE_JOINS}
     WHERE t."userId" = ${userId} ${bounded}
     GROUP BY 1, 2, 3`;
  return sums.map((r) => ({ ...r, income: BigInt(r.income), expenses: BigInt(r.expenses) }));
}

async function categoryNames(tx: Tx, userId: string): Promise<Map<string, string>> {
  const categories = await tx.category.findMany({ where: { userId }, select: { id: true, name: true } });
  return new Map(categories.map((c) => [c.id, c.name]));
}

export async function computeSummary(userId: string, now = new Date()): Promise<ComputedSummary | null> {
  return db().$transaction(
    async (tx) => {
      const users = await tx.$queryRaw<{ dataVersion: bigint; currency: string }[]>`
        SELECT "dataVersion", currency FROM "User" WHERE id = ${userId}`;
      if (users.length === 0) return null;
      const rows = await aggregateSummaryRows(tx, userId, users[0].currency);
      const data = buildSummary(rows, await categoryNames(tx, userId), now, users[0].currency);
      return { data, version: users[0].dataVersion, transactionCount: data.transactionCount };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

/** Any month's figures, computed from that month's rows only (cheap at any history size). */
export async function computeMonthSummary(userId: string, month: string, mainCurrency: string): Promise<MonthSummary> {
  const { from, next } = monthBounds(month);
  return db().$transaction(async (tx) => {
    const rows = await aggregateSummaryRows(tx, userId, mainCurrency, { from, to: next });
    return buildMonthSummary(rows, await categoryNames(tx, userId), month, mainCurrency);
  });
}

/**
 * Stores a computed summary unless a newer one (higher sourceVersion) is already there:
 * two runs finishing out of order never leave the older state on top.
 * Returns whether this summary was written.
 */
export async function storeSummary(userId: string, computed: ComputedSummary, backgroundJobId: string | null): Promise<boolean> {
  const written = await db().$executeRaw`
    INSERT INTO "FinancialSummary" ("userId", "sourceVersion", "computedAt", "transactionCount", data, "backgroundJobId")
    VALUES (${userId}, ${computed.version}, now(), ${computed.transactionCount}, ${JSON.stringify(computed.data)}::jsonb, ${backgroundJobId})
    ON CONFLICT ("userId") DO UPDATE
       SET "sourceVersion" = EXCLUDED."sourceVersion", "computedAt" = EXCLUDED."computedAt",
           "transactionCount" = EXCLUDED."transactionCount", data = EXCLUDED.data,
           "backgroundJobId" = EXCLUDED."backgroundJobId"
     WHERE "FinancialSummary"."sourceVersion" <= EXCLUDED."sourceVersion"`;
  return written > 0;
}

export interface RecomputeOutcome {
  /** False when the stored summary already reflected the user's current data. */
  computed: boolean;
  version: string;
  transactionCount: number;
}

/** The financial-summary job's work: compute and store, unless already current. */
export async function recomputeSummary(userId: string, backgroundJobId: string | null): Promise<RecomputeOutcome> {
  const [user, stored] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { dataVersion: true } }),
    db().financialSummary.findUnique({
      where: { userId },
      select: { sourceVersion: true, transactionCount: true, computedAt: true },
    }),
  ]);
  if (!user) throw new PermanentJobError(`user ${userId} no longer exists`);
  // A summary is current when it reflects the latest change and was computed this month
  // ("current month" and the 12-month window move on the 1st).
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  if (stored && stored.sourceVersion >= user.dataVersion && stored.computedAt >= monthStart) {
    return { computed: false, version: stored.sourceVersion.toString(), transactionCount: stored.transactionCount };
  }

  const computed = await computeSummary(userId, now);
  if (!computed) throw new PermanentJobError(`user ${userId} no longer exists`);
  await storeSummary(userId, computed, backgroundJobId);
  return { computed: true, version: computed.version.toString(), transactionCount: computed.transactionCount };
}
