import { db } from "../db";
import { AppError, PermanentJobError } from "../errors";
import type { Import } from "../generated/prisma/client";
import { csvImportJob } from "../jobs/csv-import";
import type { JobContext } from "../queue/job-context";
import { datesOf, dispatchTransactionFollowUps, recordTransactionChange } from "../transactions/record-transaction-change";
import { findOwnImport } from "./import-view";
import { deleteImportRows } from "./insert-rows";
import { restoreAccountsAfterUndo } from "./import-accounts";

// Undo: remove exactly the transactions an import added (importId = the import), in batches,
// on the csv-import queue, then mark the import undone and let the summary follow.

export async function startUndoImport(userId: string, importId: string): Promise<{ jobId: string }> {
  await findOwnImport(userId, importId);
  const requested = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: Import["status"] }[]>`
      SELECT status FROM "Import" WHERE id = ${importId} AND "userId" = ${userId} FOR UPDATE`;
    if (locked[0]?.status !== "completed") {
      throw new AppError("conflict", `Only a completed import can be undone (this one is ${locked[0]?.status.replace("_", " ") ?? "gone"})`);
    }
    // A second click while the undo is queued or running gets the same job.
    const running = await tx.backgroundJob.findFirst({
      where: {
        type: csvImportJob.name,
        userId,
        status: { in: ["pending", "running"] },
        AND: [{ payload: { path: ["kind"], equals: "undo" } }, { payload: { path: ["importId"], equals: importId } }],
      },
      select: { id: true },
    });
    if (running) return { id: running.id, created: false } as const;
    return csvImportJob.request(tx, { userId, importId, kind: "undo" });
  });
  if (requested.created) await csvImportJob.dispatch(requested);
  return { jobId: requested.id };
}

export async function runUndoImport(userId: string, importId: string, ctx: JobContext) {
  const row = await db().import.findFirst({ where: { id: importId, userId } });
  if (!row) throw new PermanentJobError(`import ${importId} is gone`);
  if (row.status === "undone") return { result: { importId, removed: 0 }, message: "Already undone" };
  if (row.status !== "completed") throw new PermanentJobError(`import ${importId} is ${row.status}, not completed`);

  const expected = Math.max(row.importedCount, 1);
  await ctx.progress(0, `Removing ${row.importedCount.toLocaleString("en-US")} transactions…`);
  const removed = await deleteImportRows(importId, async (done) => {
    await ctx.progress(Math.min(99, (done / expected) * 100), `Removed ${done.toLocaleString("en-US")} of ${row.importedCount.toLocaleString("en-US")} transactions…`);
  });
  // The accounts' last statements and an opening balance this import set go back to what the
  // remaining imports say (before the status change: a retry after a crash redoes it).
  await restoreAccountsAfterUndo(importId);
  const followUps = await db().$transaction(async (tx) => {
    await tx.import.update({ where: { id: importId }, data: { status: "undone", undoneAt: new Date() } });
    // Deleting a transaction deletes its budget links: no budget run is needed.
    return recordTransactionChange(tx, userId, { budgets: "none", transfers: datesOf([row.dateFrom, row.dateTo]) });
  });
  await dispatchTransactionFollowUps(followUps);
  ctx.itemDone(removed);
  const message = `Removed ${removed.toLocaleString("en-US")} transactions of ${row.fileName}`;
  await ctx.log("info", message);
  return { result: { importId, removed }, message };
}
