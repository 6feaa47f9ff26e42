import type { JobCounts } from "bull";
import { env } from "../env";
import { log } from "../log";
import { cancelStuckJob, failJob, findLostPendingJobs, findStuckJobs, returnStuckJobToPending } from "./background-jobs";
import { dispatchJob } from "./dispatch-job";
import { lastHeartbeat } from "./heartbeat";
import { bullQueueOf } from "./queue-routes";
import { getQueue } from "./queues";

// The safety net behind the outbox, run by the cron route and by every worker each minute:
// - pending jobs that never reached Redis, or whose Bull job was lost, are queued again;
// - running jobs that Bull no longer runs (their worker died and the stalled check gave up,
//   or Postgres was down when the outcome was written) are retried or, out of attempts, failed;
// - then the application's catch-ups (users whose stored summary is older than their last
//   change get a recompute), passed in by the composition root (lib/worker/reconcile-jobs.ts).
// Idempotent: Bull job ids are derived from row ids, and the catch-ups' requests coalesce.
// Postgres first: each step asks Postgres and touches Redis only for the rows it found, so an
// idle sweep sends no Redis command. Queue counts and the heartbeat, which do, are read only
// for the cron route's report.

const BATCH = 500;
const LIVE_STATES = new Set(["active", "waiting", "delayed", "paused"]);

/** What the reconciler is told by the application: its job types and its catch-ups. */
export interface ReconcileSetup<CatchUp extends string> {
  queueNames: readonly string[];
  /** Each runs after the sweep with the grace period and returns how much it requested, reported under its key. */
  catchUps: Record<CatchUp, (graceMs: number) => Promise<number>>;
}

export interface ReconcileOptions {
  pendingAfterMs?: number;
  /** false: skip the queue counts and the heartbeat (Redis commands the worker's own sweep does not need). */
  report?: boolean;
}

export type ReconcileReport<CatchUp extends string> = {
  requeued: number;
  settled: number;
  /** Per Bull queue; empty, like lastHeartbeat null, when called with report: false. */
  queues: Record<string, JobCounts | { error: string }>;
  lastHeartbeat: string | null;
} & Record<CatchUp, number>;

/**
 * Whether Bull still holds the row's job; drops a finished one so the id can be reused. With
 * `promoteOverdue` (the row is past its due time by the reconciler's grace), a job still in
 * Bull's delayed set has lost its wake-up: the delayed-set timer is armed by a pub/sub message
 * that a Redis outage can swallow, and the guard that would catch it runs only every 15
 * minutes to keep an idle worker cheap (bullQueueSettings). It is promoted to run now.
 */
async function bullStillHas(type: string, queueJobId: string, options: { promoteOverdue?: boolean } = {}): Promise<boolean> {
  const existing = await getQueue(type).getJob(queueJobId);
  if (!existing) return false;
  const state = await existing.getState();
  if (state === "delayed" && options.promoteOverdue) {
    await existing.promote().catch(() => undefined);
    return true;
  }
  if (LIVE_STATES.has(state)) return true;
  await existing.remove().catch(() => undefined);
  return false;
}

async function requeueLostJobs(queueNames: ReadonlySet<string>, pendingAfterMs: number): Promise<number> {
  const rows = await findLostPendingJobs(pendingAfterMs, BATCH);
  let requeued = 0;
  for (const row of rows) {
    if (!queueNames.has(row.type)) continue;
    const bullJobId = row.queueJobId ?? row.id;
    if (await bullStillHas(row.type, bullJobId, { promoteOverdue: true })) continue;
    if (await dispatchJob({ id: row.id, type: row.type, userId: row.userId, runAfter: new Date(), bullJobId })) requeued++;
  }
  return requeued;
}

async function settleStuckJobs(queueNames: ReadonlySet<string>, graceMs: number): Promise<number> {
  const rows = await findStuckJobs(graceMs, BATCH);
  let settled = 0;
  for (const row of rows) {
    if (!queueNames.has(row.type)) continue;
    if (await bullStillHas(row.type, row.queueJobId ?? row.id)) continue;
    settled++;
    if (row.attempts < row.maxAttempts && !row.cancelRequestedAt) {
      await returnStuckJobToPending(row.id);
      await dispatchJob({ id: row.id, type: row.type, userId: row.userId, runAfter: new Date(), bullJobId: `${row.id}-resumed-${row.attempts}` });
    } else if (row.cancelRequestedAt) {
      await cancelStuckJob(row.id);
    } else {
      await failJob(row.id, `The worker stopped during this job ${row.attempts} times; giving up`);
    }
  }
  return settled;
}

/** Bull's counts of each Bull queue carrying these job types (types share queues: queue-routes.ts). */
export async function queueCounts(jobTypes: readonly string[]): Promise<Record<string, JobCounts | { error: string }>> {
  const entries = await Promise.all(
    [...new Set(jobTypes.map(bullQueueOf))].map(async (name) => {
      try {
        return [name, await getQueue(name).getJobCounts()] as const;
      } catch (err) {
        return [name, { error: (err as Error).message }] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function reconcile<CatchUp extends string>(
  setup: ReconcileSetup<CatchUp>,
  options: ReconcileOptions = {},
): Promise<ReconcileReport<CatchUp>> {
  const pendingAfterMs = options.pendingAfterMs ?? env().RECONCILE_PENDING_AFTER_MS;
  const known = new Set(setup.queueNames);
  const requeued = await requeueLostJobs(known, pendingAfterMs);
  const settled = await settleStuckJobs(known, pendingAfterMs);
  const caughtUp = {} as Record<CatchUp, number>;
  for (const [name, catchUp] of Object.entries(setup.catchUps) as [CatchUp, (graceMs: number) => Promise<number>][]) {
    caughtUp[name] = await catchUp(pendingAfterMs);
  }
  const [queues, heartbeat] =
    options.report === false ? [{}, null] : await Promise.all([queueCounts(setup.queueNames), lastHeartbeat().catch(() => null)]);
  const requested = Object.values<number>(caughtUp).reduce((a, b) => a + b, 0);
  if (requeued || settled || requested) {
    const catchUps = Object.entries<number>(caughtUp).map(([name, n]) => `${name} ${n}`).join(", ");
    log.info({ requeued, settled, caughtUp }, `[reconcile] re-queued ${requeued} pending and ${settled} stuck jobs; ${catchUps}`);
  }
  return { requeued, settled, ...caughtUp, queues, lastHeartbeat: heartbeat };
}
