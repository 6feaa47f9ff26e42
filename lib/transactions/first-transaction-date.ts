import { db } from "../db";

/**
 * The date of a user's oldest transaction, or null when they have none. Read as the first row
 * of the (userId, date) index, never as an aggregate: Prisma writes `_min` as MIN() over a
 * subquery with OFFSET, which Postgres cannot answer from the index, so it read every one of
 * the user's rows (360–620 ms at 1,000,000 rows, on every dashboard load without a forecast).
 */
export async function firstTransactionDate(userId: string): Promise<Date | null> {
  const first = await db().transaction.findFirst({ where: { userId }, orderBy: { date: "asc" }, select: { date: true } });
  return first?.date ?? null;
}
