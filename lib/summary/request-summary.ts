import { db, type Tx } from "../db";
import { env } from "../env";
import { Prisma } from "../generated/prisma/client";
import { financialSummaryJob } from "../jobs/financial-summary";
import type { RequestedJob } from "../queue/define-job";

// Every change to a user's money goes through recordDataChange inside the change's own
// database transaction. It bumps the user's dataVersion and attaches the change to the
// user's pending summary run, creating one if there is none (the outbox row; the run's
// coalescing and debounce are financialSummaryJob's, lib/jobs/financial-summary.ts).

export type PendingSummary = RequestedJob;

export async function recordDataChange(tx: Tx, userId: string): Promise<PendingSummary> {
  // One round trip: the version's bump goes first, in the summary row's own statement.
  return financialSummaryJob.request(
    tx,
    { userId },
    { first: Prisma.sql`UPDATE "User" SET "dataVersion" = "dataVersion" + 1, "dataChangedAt" = now() WHERE id = ${userId} RETURNING 1` },
  );
}

/** After commit: add the Bull job for a run this change created (the outbox's second half). */
export async function dispatchSummary(pending: PendingSummary): Promise<void> {
  await financialSummaryJob.dispatch(pending);
}

/** A recompute without a data change (seed, reconciler). */
export async function requestSummaryRecompute(userId: string): Promise<{ jobId: string }> {
  const pending = await financialSummaryJob.enqueue({ userId });
  return { jobId: pending.id };
}

/**
 * The reconciler's catch-up: users whose stored summary is older than their last change (or
 * than this month) and quiet for `graceMs`, with no summary run under way, get a recompute,
 * unless their recomputes keep failing: after n failures since the last good summary the next
 * request waits SUMMARY_FAILURE_BACKOFF_MS × 2^(n-1), at most a day (a user's own change still
 * requests one at once).
 */
export async function requestStaleSummaries(graceMs: number, limit = 500): Promise<number> {
  const backoffSecs = env().SUMMARY_FAILURE_BACKOFF_MS / 1000;
  const users = await db().$queryRaw<{ id: string }[]>`
    SELECT u.id
      FROM "User" u
      LEFT JOIN "FinancialSummary" s ON s."userId" = u.id
     WHERE (
             (s."userId" IS NULL AND u."dataVersion" > 0)
          OR s."sourceVersion" < u."dataVersion"
          OR s."computedAt" < date_trunc('month', now())
           )
       AND COALESCE(u."dataChangedAt", u."createdAt") < now() - make_interval(secs => ${graceMs}::float8 / 1000)
       AND NOT EXISTS (
             SELECT 1 FROM "BackgroundJob" j
              WHERE j."userId" = u.id AND j.type = ${financialSummaryJob.name} AND j.status IN ('pending', 'running'))
       AND NOT EXISTS (
             SELECT 1
               FROM (SELECT COUNT(*) AS n, MAX(f."finishedAt") AS last
                       FROM "BackgroundJob" f
                      WHERE f."userId" = u.id AND f.type = ${financialSummaryJob.name} AND f.status = 'failed'
                        AND f."finishedAt" > COALESCE(s."computedAt", '-infinity')) failures
              WHERE failures.n > 0
                AND failures.last > now() - make_interval(secs => LEAST(86400, ${backoffSecs}::float8 * power(2, LEAST(failures.n, 20) - 1))))
     LIMIT ${limit}`;
  for (const user of users) await requestSummaryRecompute(user.id);
  return users.length;
}
