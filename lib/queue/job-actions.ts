import { db } from "../db";
import { AppError } from "../errors";
import type { JobStatus, Prisma } from "../generated/prisma/client";
import { parseIntegerCursor, PG_INT8_MAX } from "../http/page-cursor";
import { requestCancel, resetForRetry } from "./background-jobs";
import { describeJobError } from "./describe-job-error";
import { dispatchJob } from "./dispatch-job";
import { findVisibleJob, toJobView, type JobView } from "./job-view";
import { getQueue } from "./queues";

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

/** A page cursor is a job id the viewer may see: another user's job would place their page. */
async function visibleCursor(viewer: Viewer, id: string): Promise<string> {
  const job = await db().backgroundJob.findUnique({ where: { id }, select: { userId: true } });
  if (!job || (job.userId !== viewer.id && !isAdmin(viewer))) throw new AppError("bad_request", "Invalid cursor: ask for the first page again");
  return id;
}

export async function listJobs(viewer: Viewer, query: ListJobsQuery): Promise<{ jobs: (JobView & { userId: string | null })[]; nextCursor: string | null }> {
  const where: Prisma.BackgroundJobWhereInput = {
    ...(isAdmin(viewer) && !query.mine ? {} : { userId: viewer.id }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.type ? { type: query.type } : {}),
  };
  const rows = await db().backgroundJob.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: await visibleCursor(viewer, query.cursor) }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    jobs: page.map((j) => ({ ...toJobView(j), userId: j.userId })),
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
  if (after !== undefined) afterId = parseIntegerCursor(after, PG_INT8_MAX, "after (a log id)");
  const rows = await db().jobLog.findMany({
    where: { jobId: id, ...(afterId !== undefined ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
  });
  return {
    status: job.status,
    logs: rows.map((r) => ({ id: r.id.toString(), level: r.level, message: describeJobError(r.message), createdAt: r.createdAt.toISOString() })),
  };
}

/** `jobTypes`: the types this version can run (the caller's list: this layer knows none). */
export async function retryJob(viewer: Viewer, id: string, jobTypes: readonly string[]): Promise<JobView> {
  const job = await findVisibleJob(viewer, id);
  if (!jobTypes.includes(job.type)) throw new AppError("conflict", `Jobs of type ${job.type} cannot be retried`);
  const reset = await resetForRetry(id);
  if (!reset) throw new AppError("conflict", `Only a failed or cancelled job can be retried; this one is ${job.status}`);
  await dispatchJob({ id, type: job.type, userId: job.userId, runAfter: new Date(), bullJobId: reset.queueJobId });
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
  if (status === "cancelled") {
    const bullJob = await getQueue(job.type)
      .getJob(job.queueJobId ?? id)
      .catch(() => null);
    await bullJob?.remove().catch(() => undefined);
  }
  return toJobView((await db().backgroundJob.findUnique({ where: { id } }))!);
}
