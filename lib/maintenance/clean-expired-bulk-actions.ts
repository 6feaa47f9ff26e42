import { db } from "../db";

// A bulk action keeps each changed row's earlier state (a deleted row whole) so Undo can put it
// back, until its expiresAt (BULK_UNDO_RETENTION_DAYS after it ran). Then the record and its
// changes go (the cascade), a few actions a statement since each can carry 100,000 change rows.
// One still applying or undoing is never touched.
const BATCH = 20;

export async function cleanExpiredBulkActions(now = new Date()): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await db().bulkAction.findMany({
      where: { expiresAt: { lt: now }, status: { in: ["applied", "undone", "failed"] } },
      select: { id: true },
      orderBy: { expiresAt: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) return removed;
    const { count } = await db().bulkAction.deleteMany({ where: { id: { in: batch.map((b) => b.id) } } });
    removed += count;
    if (batch.length < BATCH) return removed;
  }
}
