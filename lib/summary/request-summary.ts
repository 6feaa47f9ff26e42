import { randomUUID } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import type { Tx } from "../queue/background-jobs";
import { dispatchJob } from "../queue/dispatch-job";
import { QUEUE, summaryCoalesceKey } from "../queue/names";

// Every change to a user's money goes through recordDataChange inside the change's own
// database transaction. It bumps the user's dataVersion and attaches the change to the
// user's pending summary run, creating one if there is none (the outbox row).
//
// Coalescing: while a run is pending, further changes attach to it (coalesceKey is unique),
// so a burst costs one run. Once a worker claims the run, coalesceKey is cleared and the
// next change creates a new pending run: a change during a running recompute always gets
// a run after it. A pending run is due once the user's changes have been quiet for
// SUMMARY_DEBOUNCE_MS, and at the latest SUMMARY_MAX_WAIT_MS after it was created: each
// change that attaches pushes runAfter out (the worker defers a Bull job that comes early).

export interface PendingSummary {
  jobId: string;
  /** True when this change created the run; then the caller must dispatch it after commit. */
  created: boolean;
  runAfter: Date;
  userId: string;
}

export async function recordDataChange(tx: Tx, userId: string): Promise<PendingSummary> {
  await tx.$executeRaw`
    UPDATE "User" SET "dataVersion" = "dataVersion" + 1, "dataChangedAt" = now() WHERE id = ${userId}`;
  return attachSummaryRun(tx, userId);
}

/** Attaches to the user's pending summary run, or creates one. */
export async function attachSummaryRun(tx: Tx, userId: string): Promise<PendingSummary> {
  const { SUMMARY_DEBOUNCE_MS, SUMMARY_MAX_WAIT_MS } = env();
  const debounce = SUMMARY_DEBOUNCE_MS / 1000;
  const maxWait = SUMMARY_MAX_WAIT_MS / 1000;
  const id = randomUUID();
  const payload = JSON.stringify({ backgroundJobId: id, userId });
  const type = QUEUE.financialSummary;
  // xmax = 0 only on a freshly inserted row: it tells a new run from an attach.
  const rows = await tx.$queryRaw<{ id: string; runAfter: Date; created: boolean }[]>`
    INSERT INTO "BackgroundJob" (id, "userId", type, status, payload, "coalesceKey", "runAfter", "createdAt", "updatedAt")
    VALUES (
      ${id}, ${userId}, ${type}, 'pending', ${payload}::jsonb, ${summaryCoalesceKey(userId)},
      now() + make_interval(secs => ${debounce}::float8), now(), now()
    )
    ON CONFLICT ("coalesceKey") DO UPDATE
      SET "coalescedCount" = "BackgroundJob"."coalescedCount" + 1,
          "runAfter" = LEAST(
            "BackgroundJob"."createdAt" + make_interval(secs => ${maxWait}::float8),
            GREATEST("BackgroundJob"."runAfter", now() + make_interval(secs => ${debounce}::float8))
          ),
          "updatedAt" = now()
    RETURNING id, "runAfter", (xmax = 0) AS created`;
  const row = rows[0];
  return { jobId: row.id, created: row.created, runAfter: row.runAfter, userId };
}

/** After commit: add the Bull job for a run this change created (the outbox's second half). */
export async function dispatchSummary(pending: PendingSummary): Promise<void> {
  if (!pending.created) return;
  await dispatchJob({ id: pending.jobId, type: QUEUE.financialSummary, userId: pending.userId, runAfter: pending.runAfter });
}

/** A recompute without a data change (seed, reconciler). */
export async function requestSummaryRecompute(userId: string): Promise<{ jobId: string }> {
  const pending = await db().$transaction((tx) => attachSummaryRun(tx, userId));
  await dispatchSummary(pending);
  return { jobId: pending.jobId };
}
