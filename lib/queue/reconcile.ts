import type { JobCounts } from "bull";
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { requestSummaryRecompute } from "../summary/request-summary";
import { dispatchJob } from "./dispatch-job";
import { lastHeartbeat } from "./heartbeat";
import { ALL_QUEUES, QUEUE, isQueueName, type QueueName } from "./names";
import { getQueue } from "./queues";

// The safety net behind the outbox, run by the cron route and by every worker each minute:
// re-adds pending jobs that never reached Redis (or whose Bull job was lost), and requests
// summaries for users whose stored summary is older than their last change. Idempotent:
// the Bull job id is the row id, and summary requests coalesce.

const BATCH = 500;

export interface ReconcileReport {
  requeued: number;
  summariesRequested: number;
  queues: Record<string, JobCounts | { error: string }>;
  lastHeartbeat: string | null;
}

async function requeueLostJobs(pendingAfterMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - pendingAfterMs);
  const rows = await db().backgroundJob.findMany({
    where: { status: "pending", runAfter: { lte: cutoff } },
    orderBy: { runAfter: "asc" },
    take: BATCH,
    select: { id: true, type: true, userId: true, runAfter: true },
  });

  let requeued = 0;
  for (const row of rows) {
    if (!isQueueName(row.type)) continue;
    const queue = getQueue(row.type);
    const existing = await queue.getJob(row.id);
    if (existing) {
      const state = await existing.getState();
      // A finished Bull job for a row that is still pending: the run was lost between Bull
      // and Postgres. Drop the stale Bull job so the row can be queued again.
      if (state !== "completed" && state !== "failed") continue;
      await existing.remove();
    }
    if (await dispatchJob({ id: row.id, type: row.type, userId: row.userId, runAfter: new Date() })) requeued++;
  }
  return requeued;
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

export async function reconcile(options: { pendingAfterMs?: number } = {}): Promise<ReconcileReport> {
  const pendingAfterMs = options.pendingAfterMs ?? env().RECONCILE_PENDING_AFTER_MS;
  const requeued = await requeueLostJobs(pendingAfterMs);
  const summariesRequested = await requestStaleSummaries(pendingAfterMs);
  const [queues, heartbeat] = await Promise.all([queueCounts(), lastHeartbeat().catch(() => null)]);
  if (requeued || summariesRequested) {
    log.info({ requeued, summariesRequested }, `[reconcile] re-queued ${requeued} jobs, requested ${summariesRequested} summaries`);
  }
  return { requeued, summariesRequested, queues, lastHeartbeat: heartbeat };
}
