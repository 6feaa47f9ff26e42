import { randomUUID } from "node:crypto";
import { db, jobStatePool } from "../db";
import type { BackgroundJob, Prisma } from "../generated/prisma/client";
import { DEFAULT_ATTEMPTS, type QueueName } from "./names";
import { WriteBatcher } from "./write-batcher";

// The BackgroundJob row is the job's state a person sees: pending → running → completed |
// failed | cancelled. Bull holds only ids; these functions are the only writers of the row.
// The per-job transitions run on jobStatePool() (see lib/db.ts for why not Prisma there).

export type Tx = Prisma.TransactionClient;

export interface JobPayload {
  backgroundJobId: string;
  userId?: string;
}

export interface NewJob {
  type: QueueName;
  userId?: string | null;
  payload?: Record<string, unknown>;
  runAfter?: Date;
  maxAttempts?: number;
  /** The Bull job that will run it, when already known (a scheduled run). */
  queueJobId?: string;
}

/** Writes a pending row inside the caller's transaction; dispatch it after commit. */
export async function createJobRow(tx: Tx, job: NewJob): Promise<BackgroundJob> {
  const id = randomUUID();
  return tx.backgroundJob.create({
    data: {
      id,
      type: job.type,
      userId: job.userId ?? null,
      payload: { ...job.payload, backgroundJobId: id, ...(job.userId ? { userId: job.userId } : {}) } as Prisma.InputJsonValue,
      runAfter: job.runAfter ?? new Date(),
      maxAttempts: job.maxAttempts ?? DEFAULT_ATTEMPTS,
      queueJobId: job.queueJobId,
    },
  });
}

/** The row of a scheduled (repeatable) Bull job: found by that job's id, made on first sight. */
export async function rowForScheduledJob(type: QueueName, queueJobId: string): Promise<BackgroundJob> {
  const existing = await db().backgroundJob.findFirst({ where: { queueJobId, type } });
  return existing ?? (await db().$transaction((tx) => createJobRow(tx, { type, queueJobId, payload: { scheduled: true } })));
}

/**
 * Marks the row running for this attempt. Returns null when there is nothing to run now:
 * the row is gone, finished, cancelled or already running under another Bull job (a duplicate
 * or late Bull job is then a no-op), or
 * not yet due (a coalesced change pushed its runAfter out; see deferral in run-job.ts).
 * Clearing coalesceKey closes the row to new changes: from here on, a change starts a new run.
 */
export async function claimJob(id: string, queueJobId: string): Promise<ClaimedJob | null> {
  return (await claimBatcher.add({ id, queueJobId })) ?? null;
}

/** What a run needs of its claimed row (the claim returns no more: it is on every job's path). */
export type ClaimedJob = Pick<BackgroundJob, "id" | "userId" | "payload" | "attempts">;

// Claims of jobs that start in the same turn of the event loop share one statement.
const claimBatcher = new WriteBatcher<{ id: string; queueJobId: string }, ClaimedJob>(
  (claim) => claim.id,
  async (claims) => {
    const { rows } = await jobStatePool().query<ClaimedJob>({
      // Named: each pooled connection parses and plans it once.
      name: "claim-jobs",
      text: `UPDATE "BackgroundJob" AS b
          SET status = 'running', "coalesceKey" = NULL, attempts = b.attempts + 1, "queueJobId" = v.queue_job_id,
              "startedAt" = COALESCE(b."startedAt", now()), "finishedAt" = NULL,
              message = COALESCE(b.message, 'Started'), "updatedAt" = now()
         FROM unnest($1::text[], $2::text[]) AS v(id, queue_job_id)
        WHERE b.id = v.id AND b."runAfter" <= now() AND b."cancelRequestedAt" IS NULL
          -- A running row is taken over only by its own Bull job run again (stalled, or its
          -- retry after the failure could not be written): never by a second Bull job for it.
          AND (b.status = 'pending' OR (b.status = 'running' AND b."queueJobId" = v.queue_job_id))
        RETURNING b.id, b."userId", b.payload, b.attempts`,
      values: [claims.map((c) => c.id), claims.map((c) => c.queueJobId)],
    });
    return new Map(rows.map((row) => [row.id, row]));
  },
);

/** What a run that could not be claimed needs to know of its row, read on Postgres's clock. */
export interface UnclaimedState {
  status: BackgroundJob["status"];
  userId: string | null;
  cancelRequested: boolean;
  /** Milliseconds until runAfter by the database's clock (the claim's), rounded up; 0 when due. */
  dueInMs: number;
  /** runAfter in epoch milliseconds, to derive the Bull job id of a deferral. */
  runAfterMs: string;
}

export async function findUnclaimedState(id: string): Promise<UnclaimedState | null> {
  const { rows } = await jobStatePool().query<UnclaimedState>(
    `SELECT status, "userId", "cancelRequestedAt" IS NOT NULL AS "cancelRequested",
            GREATEST(0, ceil(EXTRACT(EPOCH FROM ("runAfter" - now())) * 1000))::int AS "dueInMs",
            floor(EXTRACT(EPOCH FROM "runAfter") * 1000)::bigint::text AS "runAfterMs"
       FROM "BackgroundJob" WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ProgressUpdate {
  progress: number;
  message?: string;
  processedCount: number;
  errorCount: number;
  errorDetails: Record<string, string>;
}

export async function saveJobProgress(id: string, update: ProgressUpdate): Promise<void> {
  await jobStatePool().query(
    `UPDATE "BackgroundJob"
        SET progress = $2, message = COALESCE($3, message), "processedCount" = $4, "errorCount" = $5,
            "errorDetails" = COALESCE($6::jsonb, "errorDetails"), "updatedAt" = now()
      WHERE id = $1 AND status = 'running'`,
    [id, update.progress, update.message ?? null, update.processedCount, update.errorCount, detailsJson(update.errorDetails)],
  );
}

const detailsJson = (details: Record<string, string> | undefined) =>
  details && Object.keys(details).length ? JSON.stringify(details) : null;

export async function appendJobLog(jobId: string, level: "debug" | "info" | "warning" | "error", message: string): Promise<void> {
  await db().jobLog.create({ data: { jobId, level, message: message.slice(0, 4000) } });
}

export async function isCancelRequested(id: string): Promise<boolean> {
  const row = await db().backgroundJob.findUnique({ where: { id }, select: { cancelRequestedAt: true, status: true } });
  return !row || row.cancelRequestedAt !== null || row.status === "cancelled";
}

export async function completeJob(
  id: string,
  result: unknown,
  message: string,
  counters?: Pick<ProgressUpdate, "processedCount" | "errorCount" | "errorDetails">,
): Promise<void> {
  await completionBatcher.add({ id, result, message, counters });
}

interface Completion {
  id: string;
  result: unknown;
  message: string;
  counters?: Pick<ProgressUpdate, "processedCount" | "errorCount" | "errorDetails">;
}

// Completions of jobs that finish in the same turn of the event loop share one statement.
const completionBatcher = new WriteBatcher<Completion, true>(
  (completion) => completion.id,
  async (completions) => {
    const { rows } = await jobStatePool().query<{ id: string }>({
      name: "complete-jobs",
      text: `UPDATE "BackgroundJob" AS b
          SET status = 'completed', progress = 100, message = v.message, result = v.result, error = NULL,
              "processedCount" = COALESCE(v.processed, b."processedCount"), "errorCount" = COALESCE(v.errors, b."errorCount"),
              "errorDetails" = COALESCE(v.details, b."errorDetails"), "finishedAt" = now(), "updatedAt" = now()
         FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::int[], $5::int[], $6::jsonb[])
              AS v(id, message, result, processed, errors, details)
        WHERE b.id = v.id AND b.status = 'running'
        RETURNING b.id`,
      values: [
        completions.map((c) => c.id),
        completions.map((c) => c.message),
        completions.map((c) => JSON.stringify(c.result ?? null)),
        completions.map((c) => c.counters?.processedCount ?? null),
        completions.map((c) => c.counters?.errorCount ?? null),
        completions.map((c) => detailsJson(c.counters?.errorDetails)),
      ],
    });
    return new Map(rows.map((row) => [row.id, true as const]));
  },
);

export async function markCancelled(id: string): Promise<void> {
  await jobStatePool().query(
    `UPDATE "BackgroundJob" SET status = 'cancelled', message = 'Cancelled', "coalesceKey" = NULL,
            "finishedAt" = now(), "updatedAt" = now()
      WHERE id = $1 AND status IN ('pending', 'running')`,
    [id],
  );
}

/** The attempt failed and Bull will retry: the row goes back to pending, with the reason. */
export async function markRetrying(id: string, error: string, retryInMs: number): Promise<void> {
  await jobStatePool().query(
    `UPDATE "BackgroundJob" SET status = 'pending', error = $2, message = $3,
            "runAfter" = now() + make_interval(secs => $4::float8 / 1000), "updatedAt" = now()
      WHERE id = $1 AND status = 'running'`,
    [id, error, `Attempt failed; retrying in ${Math.round(retryInMs / 1000)} s`, retryInMs],
  );
}

export async function failJob(id: string, error: string): Promise<void> {
  await jobStatePool().query(
    `UPDATE "BackgroundJob" SET status = 'failed', error = $2, message = 'Failed', "coalesceKey" = NULL,
            "finishedAt" = now(), "updatedAt" = now()
      WHERE id = $1 AND status IN ('pending', 'running')`,
    [id, error],
  );
}

export async function markEnqueued(id: string, queueJobId: string): Promise<void> {
  await jobStatePool().query(
    `UPDATE "BackgroundJob" SET "enqueuedAt" = now(), "queueJobId" = $2, "updatedAt" = now()
      WHERE id = $1 AND status IN ('pending', 'running')`,
    [id, queueJobId],
  );
}

export function findJob(id: string): Promise<BackgroundJob | null> {
  return db().backgroundJob.findUnique({ where: { id } });
}

/**
 * A person's retry of a failed (or cancelled) job: the row goes back to pending with fresh
 * attempts. Returns the Bull job id to add, which is new so the failed Bull job (kept for
 * a week) cannot block it.
 */
export async function resetForRetry(id: string): Promise<{ job: BackgroundJob; queueJobId: string } | null> {
  const rows = await db().$queryRaw<BackgroundJob[]>`
    UPDATE "BackgroundJob"
       SET status = 'pending', progress = 0, message = 'Queued again', error = NULL, result = NULL,
           "processedCount" = 0, "errorCount" = 0, "errorDetails" = NULL, "cancelRequestedAt" = NULL,
           "finishedAt" = NULL, "startedAt" = NULL, "runAfter" = now(), "enqueuedAt" = NULL, "updatedAt" = now()
     WHERE id = ${id} AND status IN ('failed', 'cancelled')
     RETURNING *`;
  const job = rows[0];
  return job ? { job, queueJobId: `${id}-retry-${job.attempts}` } : null;
}

/**
 * A cancel request: a pending job is cancelled at once; a running one is flagged and its
 * processor stops at its next item. Returns the row's status after the request.
 */
export async function requestCancel(id: string): Promise<BackgroundJob["status"] | null> {
  const pending = await db().backgroundJob.updateMany({
    where: { id, status: "pending" },
    data: { status: "cancelled", message: "Cancelled", coalesceKey: null, cancelRequestedAt: new Date(), finishedAt: new Date() },
  });
  if (pending.count) return "cancelled";
  await db().backgroundJob.updateMany({
    where: { id, status: "running", cancelRequestedAt: null },
    data: { cancelRequestedAt: new Date(), message: "Cancelling…" },
  });
  return (await findJob(id))?.status ?? null;
}
