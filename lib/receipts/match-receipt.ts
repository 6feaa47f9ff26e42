import type { Tx } from "../db";

// Which of the user's transactions a receipt pays for: money out of exactly the receipt's
// total, dated from a day before the receipt (time zones) to a few days after it (card
// payments settle later). The closest date wins; a transaction without a receipt wins a tie.

export const MATCH_DAYS_BEFORE = 1;
export const MATCH_DAYS_AFTER = 5;
// Without a date on the receipt: any payment of that amount in the two weeks before the upload.
const UNDATED_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export async function findMatchingTransaction(
  tx: Pick<Tx, "transaction">,
  userId: string,
  totalMinor: bigint,
  date: Date | null,
  uploadedAt: Date,
): Promise<string | null> {
  const from = date ? new Date(date.getTime() - MATCH_DAYS_BEFORE * DAY_MS) : new Date(uploadedAt.getTime() - UNDATED_WINDOW_DAYS * DAY_MS);
  const to = date ? new Date(date.getTime() + MATCH_DAYS_AFTER * DAY_MS) : uploadedAt;
  const candidates = await tx.transaction.findMany({
    where: { userId, amountMinor: -totalMinor, date: { gte: from, lte: to } },
    select: { id: true, date: true, _count: { select: { receipts: true } } },
    take: 50,
  });
  const anchor = (date ?? uploadedAt).getTime();
  candidates.sort(
    (a, b) =>
      Math.abs(a.date.getTime() - anchor) - Math.abs(b.date.getTime() - anchor) ||
      a._count.receipts - b._count.receipts ||
      a.id.localeCompare(b.id),
  );
  return candidates[0]?.id ?? null;
}
