import { db } from "../db";
import { AppError } from "../errors";
import type { JobStatus, Prisma } from "../generated/prisma/client";
import { requestCancel, resetForRetry } from "./background-jobs";
import { dispatchJob } from "./dispatch-job";
import { findVisibleJob, toJobView, type JobView } from "./job-view";
import { isQueueName, type QueueName } from "./names";
import { getQueue } from "./queues";
import { emailsByUserId } from "../users/emails-by-user-id";

// What a person can do with their jobs (an admin with everyone's): list, read logs, retry,
// cancel. Another user's job is "not found".

export interface Viewer {
  id: string;
  role: string;
}

const isAdmin = (viewer: Viewer) => viewer.role === "ADMIN";

export interface ListJobsQuery {
  status?: JobStatus;
  type?: string;
  limit: number;
  cursor?: string;
  /** Admins see every user's jobs unless they ask for their own. */
  mine?: boolean;
}

export async function listJobs(viewer: Viewer, query: ListJobsQuery): Promise<{ jobs: (JobView & { userId: string | null; userEmail: string | null })[]; nextCursor: string | null }> {
  const where: Prisma.BackgroundJobWhereInput = {
    ...(isAdmin(viewer) && !query.mine ? {} : { userId: viewer.id }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.type ? { type: query.type } : {}),
  };
  const rows = await db().backgroundJob.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  // An admin sees whose job it is by e-mail, not by an opaque id.
  const emails = isAdmin(viewer) ? await emailsByUserId(page.map((j) => j.userId)) : new Map<string, string>();
  return {
    jobs: page.map((j) => ({ ...toJobView(j), userId: j.userId, userEmail: (j.userId && emails.get(j.userId)) || null })),
    nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

export interface JobLogView {
  id: string;
  level: "debug" | "info" | "warning" | "error";
  message: string;
  createdAt: string;
}

/** Log lines after `after` (a log id), oldest first, so a viewer can poll for new ones. */
export async function listJobLogs(viewer: Viewer, id: string, after?: string, limit = 500): Promise<{ logs: JobLogView[]; status: JobStatus }> {
  const job = await findVisibleJob(viewer, id);
  let afterId: bigint | undefined;
  if (after !== undefined) {
    if (!/^\d{1,19}$/.test(after)) throw new AppError("bad_request", "after must be a log id");
    afterId = BigInt(after);
  }
  const rows = await db().jobLog.findMany({
    where: { jobId: id, ...(afterId !== undefined ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return {
    status: job.status,
    logs: rows.map((r) => ({ id: r.id.toString(), level: r.level, message: r.message, createdAt: r.createdAt.toISOString() })),
  };
}

export async function retryJob(viewer: Viewer, id: string): Promise<JobView> {
  const job = await findVisibleJob(viewer, id);
  if (!isQueueName(job.type)) throw new AppError("conflict", `Jobs of type ${job.type} cannot be retried`);
  const reset = await resetForRetry(id);
  if (!reset) throw new AppError("conflict", `Only a failed or cancelled job can be retried; this one is ${job.status}`);
  await dispatchJob({ id, type: job.type as QueueName, userId: job.userId, runAfter: new Date(), bullJobId: reset.queueJobId });
  return toJobView((await db().backgroundJob.findUnique({ where: { id } }))!);
}

export async function cancelJob(viewer: Viewer, id: string): Promise<JobView> {
  const job = await findVisibleJob(viewer, id);
  if (job.status !== "pending" && job.status !== "running") {
    throw new AppError("conflict", `This job is already ${job.status}`);
  }
  const status = await requestCancel(id);
  // A cancelled pending job need not wait in Redis; if it is already running, the worker
  // sees the request at its next item.
  if (status === "cancelled" && isQueueName(job.type)) {
    const bullJob = await getQueue(job.type)
      .getJob(job.queueJobId ?? id)
      .catch(() => null);
    await bullJob?.remove().catch(() => undefined);
  }
  return toJobView((await db().backgroundJob.findUnique({ where: { id } }))!);
}
