import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { BackgroundJob, Prisma } from "../generated/prisma/client";
import { DEFAULT_ATTEMPTS, type QueueName } from "./names";

// The BackgroundJob row is the job's state a person sees: pending → running → completed |
// failed. Bull holds only ids; these functions are the only writers of the row's status.

export type Tx = Prisma.TransactionClient;

export interface JobPayload {
  backgroundJobId: string;
  userId?: string;
}

export interface NewJob {
  type: QueueName;
  userId?: string;
  payload?: Record<string, unknown>;
  runAfter?: Date;
  maxAttempts?: number;
}

/** Writes a pending row inside the caller's transaction; dispatch it after commit. */
export async function createJobRow(tx: Tx, job: NewJob): Promise<BackgroundJob> {
  const id = randomUUID();
  return tx.backgroundJob.create({
    data: {
      id,
      type: job.type,
      userId: job.userId,
      payload: { ...job.payload, backgroundJobId: id, userId: job.userId } as Prisma.InputJsonValue,
      runAfter: job.runAfter ?? new Date(),
      maxAttempts: job.maxAttempts ?? DEFAULT_ATTEMPTS,
    },
  });
}

/**
 * Marks the row running for this attempt. Returns null when there is nothing to run now:
 * the row is gone, finished or cancelled (a duplicate or late Bull job is then a no-op), or
 * not yet due (a coalesced change pushed its runAfter out; see deferral in run-job.ts).
 * Clearing coalesceKey closes the row to new changes: from here on, a change starts a new run.
 */
export async function claimJob(id: string): Promise<BackgroundJob | null> {
  const rows = await db().$queryRaw<BackgroundJob[]>`
    UPDATE "BackgroundJob"
       SET status = 'running', "coalesceKey" = NULL, attempts = attempts + 1,
           "startedAt" = COALESCE("startedAt", now()), "finishedAt" = NULL,
           message = COALESCE(message, 'Started'), "updatedAt" = now()
     WHERE id = ${id} AND status IN ('pending', 'running') AND "runAfter" <= now()
     RETURNING *`;
  return rows[0] ?? null;
}

export async function reportProgress(id: string, progress: number, message?: string): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: "running" },
    data: { progress: Math.max(0, Math.min(100, Math.round(progress))), ...(message ? { message } : {}) },
  });
}

export async function completeJob(id: string, result: unknown, message: string): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: "running" },
    data: {
      status: "completed",
      progress: 100,
      message,
      result: (result ?? null) as Prisma.InputJsonValue,
      error: null,
      finishedAt: new Date(),
    },
  });
}

/** The attempt failed and Bull will retry: the row goes back to pending, with the reason. */
export async function markRetrying(id: string, error: string, retryInMs: number): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: "running" },
    data: {
      status: "pending",
      error,
      message: `Attempt failed; retrying in ${Math.round(retryInMs / 1000)} s`,
      runAfter: new Date(Date.now() + retryInMs),
    },
  });
}

export async function failJob(id: string, error: string): Promise<void> {
  await db().backgroundJob.updateMany({
    where: { id, status: { in: ["pending", "running"] } },
    data: { status: "failed", error, message: "Failed", finishedAt: new Date() },
  });
}

export async function markEnqueued(id: string): Promise<void> {
  await db().backgroundJob.updateMany({ where: { id, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
}

export function findJob(id: string): Promise<BackgroundJob | null> {
  return db().backgroundJob.findUnique({ where: { id } });
}
