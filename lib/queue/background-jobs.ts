import { randomUUID } from "node:crypto";
import { db, jobStatePool, type Tx } from "../db";
import { Prisma, type BackgroundJob } from "../generated/prisma/client";
import { DEFAULT_ATTEMPTS } from "./job-options";
import { WriteBatcher } from "./write-batcher";

// The BackgroundJob row is the job's state a person sees: pending → running → completed |
// failed | cancelled. Bull holds only ids; this module is the only writer of the row (Prisma
// or SQL): a job type requests its rows through its definition (define-job.ts), the
// wrapper, the reconciler and the job actions through the functions here.
//
// The fast-path seam: the per-job transitions (claim, progress, completion, retry, failure)
// run as hand-written SQL on jobStatePool() rather than through Prisma: claims and
// completions of concurrent jobs batched into one statement each, named prepared statements,
// commits that do not wait for the disk. bench/jobs measured what that buys: the framework
// went from 0.04 of raw Bull's throughput (Prisma for every write) to 0.30–0.33 (median
// over eleven runs, bench/RESULTS.md). Everything else here is rare and uses Prisma.

export interface JobPayload {
  backgroundJobId: string;
  userId?: string;
}

/** One pending run per key: requests that arrive before a worker claims it attach to it. */
export interface CoalesceRule {
  key: string;
  /**
   * Debounce: the run starts once requests have been quiet this long, and at the latest
   * maxWaitMs after the first one (each attach pushes runAfter out). Without it, an attach
   * leaves runAfter as it is.
   */
  debounce?: { debounceMs: number; maxWaitMs: number };
  /** An integer payload field whose greatest requested value the run keeps (a version). */
  keepGreatest?: { field: string; value: number };
  /**
   * Two string payload fields holding a range (ISO dates compare as strings): the run keeps
   * the least `from` and the greatest `to` of the requests attached to it, so it covers them all.
   */
  widenRange?: { fromField: string; toField: string; from: string; to: string };
}

export interface NewJob {
  type: string;
  userId?: string | null;
  payload?: Record<string, unknown>;
  runAfter?: Date;
  maxAttempts?: number;
  /** The Bull job that will run it, when already known (a scheduled run). */
  queueJobId?: string;
  coalesce?: CoalesceRule;
  /**
   * A write of the caller's that goes first, before the row's (an `UPDATE … RETURNING`; what it
   * returns is not used). Where the type coalesces it runs in the row's own statement (one round
   * trip), else as a statement of its own just before.
   */
  first?: Prisma.Sql;
}

/** The row a request wrote or attached to; `created` says whether it needs a dispatch. */
export interface NewJobRow {
  id: string;
  runAfter: Date;
  created: boolean;
}

/** Writes a pending row inside the caller's transaction (or attaches to one); dispatch it after commit. */
export async function createJobRow(tx: Tx, job: NewJob): Promise<NewJobRow> {
  const id = randomUUID();
  const payload = { ...job.payload, backgroundJobId: id, ...(job.userId ? { userId: job.userId } : {}) };
  if (job.coalesce) return attachCoalescedRow(tx, id, job, payload, job.coalesce);
  if (job.first) await tx.$queryRaw(job.first);
  const row = await tx.backgroundJob.create({
    data: {
      id,
      type: job.type,
      userId: job.userId ?? null,
      payload: payload as Prisma.InputJsonValue,
      runAfter: job.runAfter ?? new Date(),
      maxAttempts: job.maxAttempts ?? DEFAULT_ATTEMPTS,
      queueJobId: job.queueJobId,
    },
    select: { id: true, runAfter: true },
  });
  return { ...row, created: true };
}

// coalesceKey is unique while a row is pending (the claim clears it): the insert either makes
// the run or attaches to the pending one. xmax = 0 only on a freshly inserted row. The
// caller's `first` write is a CTE the insert selects from, so it runs before the insert (its
// row locks come first, as when it was a statement of its own).
async function attachCoalescedRow(tx: Tx, id: string, job: NewJob, payload: Record<string, unknown>, rule: CoalesceRule): Promise<NewJobRow> {
  const debounceS = (rule.debounce?.debounceMs ?? 0) / 1000;
  const pushRunAfter = rule.debounce
    ? Prisma.sql`"runAfter" = LEAST(
            "BackgroundJob"."createdAt" + make_interval(secs => ${rule.debounce.maxWaitMs / 1000}::float8),
            GREATEST("BackgroundJob"."runAfter", now() + make_interval(secs => ${debounceS}::float8))
          ),`
    : Prisma.empty;
  let mergedPayload = Prisma.sql`"BackgroundJob".payload`;
  if (rule.keepGreatest) {
    mergedPayload = Prisma.sql`${mergedPayload} || jsonb_build_object(${rule.keepGreatest.field}::text,
            GREATEST(COALESCE(("BackgroundJob".payload->>${rule.keepGreatest.field}::text)::int, 0), ${rule.keepGreatest.value}::int))`;
  }
  if (rule.widenRange) {
    const { fromField, toField, from, to } = rule.widenRange;
    mergedPayload = Prisma.sql`${mergedPayload} || jsonb_build_object(
            ${fromField}::text, LEAST(COALESCE("BackgroundJob".payload->>${fromField}::text, ${from}::text), ${from}::text),
            ${toField}::text, GREATEST(COALESCE("BackgroundJob".payload->>${toField}::text, ${to}::text), ${to}::text))`;
  }
  const mergePayload = rule.keepGreatest || rule.widenRange ? Prisma.sql`payload = ${mergedPayload},` : Prisma.empty;
  const rows = await tx.$queryRaw<NewJobRow[]>`
    ${job.first ? Prisma.sql`WITH first AS (${job.first})` : Prisma.empty}
    INSERT INTO "BackgroundJob" (id, "userId", type, status, payload, "coalesceKey", "runAfter", "maxAttempts", "createdAt", "updatedAt")
    SELECT
      ${id}::text, ${job.userId ?? null}::text, ${job.type}::text, 'pending'::"JobStatus", ${JSON.stringify(payload)}::jsonb, ${rule.key}::text,
      now() + make_interval(secs => ${debounceS}::float8), ${job.maxAttempts ?? DEFAULT_ATTEMPTS}::int, now(), now()
    ${job.first ? Prisma.sql`FROM (SELECT count(*) FROM first) AS first_done` : Prisma.empty}
    ON CONFLICT ("coalesceKey") DO UPDATE
      SET "coalescedCount" = "BackgroundJob"."coalescedCount" + 1,
          ${pushRunAfter}
          ${mergePayload}
          "updatedAt" = now()
    RETURNING id, "runAfter", (xmax = 0) AS created`;
  return rows[0];
}

/** Cancels the pending run of a coalescing key (its subject is gone), inside the caller's transaction. */
export async function cancelPendingRun(tx: Tx, coalesceKey: string, message: string): Promise<void> {
  await tx.backgroundJob.updateMany({
    where: { coalesceKey, status: "pending" },
    data: { status: "cancelled", message, coalesceKey: null, finishedAt: new Date() },
  });
}

/** The user's pending or running job of a type, newest first (a page shows it as "updating"). */
export async function findActiveJobId(userId: string, type: string): Promise<string | null> {
  const row = await db().backgroundJob.findFirst({
    where: { userId, type, status: { in: ["pending", "running"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

/** The user's latest run of a type that failed for good, with its error (a page shows why). */
export function findLatestFailure(userId: string, type: string) {
  return db().backgroundJob.findFirst({
    where: { userId, type, status: "failed", finishedAt: { not: null } },
    orderBy: { finishedAt: "desc" },
    select: { id: true, error: true, finishedAt: true },
  });
}

/** The row of a scheduled (repeatable) Bull job: found by that job's id, made on first sight. */
export async function rowForScheduledJob(type: string, queueJobId: string): Promise<{ id: string }> {
  const existing = await db().backgroundJob.findFirst({ where: { queueJobId, type }, select: { id: true } });
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

/** Fails the row for good; false when it was already settled (the failure hooks ran then). */
export async function failJob(id: string, error: string): Promise<boolean> {
  const { rowCount } = await jobStatePool().query(
    `UPDATE "BackgroundJob" SET status = 'failed', error = $2, message = 'Failed', "coalesceKey" = NULL,
            "finishedAt" = now(), "updatedAt" = now()
      WHERE id = $1 AND status IN ('pending', 'running')`,
    [id, error],
  );
  return (rowCount ?? 0) > 0;
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

/** Pending rows due for longer than `pendingAfterMs`: the reconciler checks Bull still has them. */
export function findLostPendingJobs(pendingAfterMs: number, take: number) {
  return db().backgroundJob.findMany({
    where: { status: "pending", runAfter: { lte: new Date(Date.now() - pendingAfterMs) } },
    orderBy: { runAfter: "asc" },
    take,
    select: { id: true, type: true, userId: true, queueJobId: true },
  });
}

/** Running rows not updated for `graceMs`: the reconciler checks Bull still runs them. */
export function findStuckJobs(graceMs: number, take: number): Promise<BackgroundJob[]> {
  return db().backgroundJob.findMany({
    where: { status: "running", updatedAt: { lte: new Date(Date.now() - graceMs) } },
    orderBy: { updatedAt: "asc" },
    take,
  });
}

/** The job types with a running row, or a pending row that is due: the only ones that can have an active Bull job. */
export async function findTypesWithLiveJobs(): Promise<string[]> {
  const rows = await db().backgroundJob.findMany({
    where: { OR: [{ status: "running" }, { status: "pending", runAfter: { lte: new Date() } }] },
    distinct: ["type"],
    select: { type: true },
  });
  return rows.map((row) => row.type);
}

/** A running row whose worker died, with attempts left: pending again, to be dispatched anew. */
export async function returnStuckJobToPending(id: string): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: "running" },
    data: { status: "pending", message: "The worker stopped during this job; queued again", runAfter: new Date() },
  });
}

/** A running row whose worker died after a cancel request. */
export async function cancelStuckJob(id: string): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: "running" },
    data: { status: "cancelled", message: "Cancelled", finishedAt: new Date() },
  });
}

/** Retention: finished rows older than these dates (their logs go with them, by cascade). */
export async function deleteFinishedJobs(completedBefore: Date, failedBefore: Date): Promise<{ completed: number; failed: number }> {
  const completed = await db().backgroundJob.deleteMany({ where: { status: "completed", finishedAt: { lt: completedBefore } } });
  const failed = await db().backgroundJob.deleteMany({
    where: { status: { in: ["failed", "cancelled"] }, finishedAt: { lt: failedBefore } },
  });
  return { completed: completed.count, failed: failed.count };
}
