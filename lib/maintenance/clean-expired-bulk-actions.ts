import { db } from "../db";
import { deleteInBatches } from "./delete-in-batches";

// A bulk action keeps each changed row's earlier state (a deleted row whole) so Undo can put it
// back, until its expiresAt (BULK_UNDO_RETENTION_DAYS after it ran). Then the record and its
// changes go (the cascade), a few actions a statement since each can carry 100,000 change rows.
// One still applying or undoing is never touched.
const BATCH = 20;

export function cleanExpiredBulkActions(now = new Date()): Promise<number> {
  return deleteInBatches(
    BATCH,
    (take) =>
      db().bulkAction.findMany({
        where: { expiresAt: { lt: now }, status: { in: ["applied", "undone", "failed"] } },
        select: { id: true },
        orderBy: { expiresAt: "asc" },
        take,
      }),
    (ids) => db().bulkAction.deleteMany({ where: { id: { in: ids } } }),
  );
}
