import type { JobCounts } from "bull";
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { requestSummaryRecompute } from "../summary/request-summary";
import { failJob } from "./background-jobs";
import { dispatchJob } from "./dispatch-job";
import { lastHeartbeat } from "./heartbeat";
import { ALL_QUEUES, QUEUE, isQueueName, type QueueName } from "./names";
import { getQueue } from "./queues";

// The safety net behind the outbox, run by the cron route and by every worker each minute:
// - pending jobs that never reached Redis, or whose Bull job was lost, are queued again;
// - running jobs that Bull no longer runs (their worker died and the stalled check gave up,
//   or Postgres was down when the outcome was written) are retried or, out of attempts, failed;
// - users whose stored summary is older than their last change get a recompute.
// Idempotent: Bull job ids are derived from row ids, and summary requests coalesce.
// Postgres first: each step asks Postgres and touches Redis only for the rows it found, so an
// idle sweep sends no Redis command. Queue counts and the heartbeat, which do, are read only
// for the cron route's report.

const BATCH = 500;
const LIVE_STATES = new Set(["active", "waiting", "delayed", "paused"]);

export interface ReconcileReport {
  requeued: number;
  settled: number;
  summariesRequested: number;
  /** Empty, like lastHeartbeat null, when called with report: false. */
  queues: Record<string, JobCounts | { error: string }>;
  lastHeartbeat: string | null;
}

/** Whether Bull still holds the row's job; drops a finished one so the id can be reused. */
async function bullStillHas(type: QueueName, queueJobId: string): Promise<boolean> {
  const existing = await getQueue(type).getJob(queueJobId);
  if (!existing) return false;
  if (LIVE_STATES.has(await existing.getState())) return true;
  await existing.remove().catch(() => undefined);
  return false;
}

async function requeueLostJobs(pendingAfterMs: number): Promise<number> {
  const rows = await db().backgroundJob.findMany({
    where: { status: "pending", runAfter: { lte: new Date(Date.now() - pendingAfterMs) } },
    orderBy: { runAfter: "asc" },
    take: BATCH,
    select: { id: true, type: true, userId: true, queueJobId: true },
  });
  let requeued = 0;
  for (const row of rows) {
    if (!isQueueName(row.type)) continue;
    const bullJobId = row.queueJobId ?? row.id;
    if (await bullStillHas(row.type, bullJobId)) continue;
    if (await dispatchJob({ id: row.id, type: row.type, userId: row.userId, runAfter: new Date(), bullJobId })) requeued++;
  }
  return requeued;
}

async function settleStuckJobs(graceMs: number): Promise<number> {
  const rows = await db().backgroundJob.findMany({
    where: { status: "running", updatedAt: { lte: new Date(Date.now() - graceMs) } },
    orderBy: { updatedAt: "asc" },
    take: BATCH,
  });
  let settled = 0;
  for (const row of rows) {
    if (!isQueueName(row.type)) continue;
    if (await bullStillHas(row.type, row.queueJobId ?? row.id)) continue;
    settled++;
    if (row.attempts < row.maxAttempts && !row.cancelRequestedAt) {
      await db().backgroundJob.updateMany({
        where: { id: row.id, status: "running" },
        data: { status: "pending", message: "The worker stopped during this job; queued again", runAfter: new Date() },
      });
      await dispatchJob({ id: row.id, type: row.type, userId: row.userId, runAfter: new Date(), bullJobId: `${row.id}-resumed-${row.attempts}` });
    } else if (row.cancelRequestedAt) {
      await db().backgroundJob.updateMany({
        where: { id: row.id, status: "running" },
        data: { status: "cancelled", message: "Cancelled", finishedAt: new Date() },
      });
    } else {
      await failJob(row.id, `The worker stopped during this job ${row.attempts} times; giving up`);
    }
  }
  return settled;
}

async function requestStaleSummaries(graceMs: number): Promise<number> {
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
              WHERE j."userId" = u.id AND j.type = ${QUEUE.financialSummary} AND j.status IN ('pending', 'running'))
     LIMIT ${BATCH}`;
  for (const user of users) await requestSummaryRecompute(user.id);
  return users.length;
}

export async function queueCounts(): Promise<Record<string, JobCounts | { error: string }>> {
  const entries = await Promise.all(
    ALL_QUEUES.map(async (name: QueueName) => {
      try {
        return [name, await getQueue(name).getJobCounts()] as const;
      } catch (err) {
        return [name, { error: (err as Error).message }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function reconcile(options: { pendingAfterMs?: number; report?: boolean } = {}): Promise<ReconcileReport> {
  const pendingAfterMs = options.pendingAfterMs ?? env().RECONCILE_PENDING_AFTER_MS;
  const requeued = await requeueLostJobs(pendingAfterMs);
  const settled = await settleStuckJobs(pendingAfterMs);
  const summariesRequested = await requestStaleSummaries(pendingAfterMs);
  const [queues, heartbeat] =
    options.report === false ? [{}, null] : await Promise.all([queueCounts(), lastHeartbeat().catch(() => null)]);
  if (requeued || settled || summariesRequested) {
    log.info(
      { requeued, settled, summariesRequested },
      `[reconcile] re-queued ${requeued} pending and ${settled} stuck jobs, requested ${summariesRequested} summaries`,
    );
  }
  return { requeued, settled, summariesRequested, queues, lastHeartbeat: heartbeat };
}
