import { db } from "../db";
import { notFound } from "../errors";
import type { BackgroundJob } from "../generated/prisma/client";
import { describeJobError } from "./describe-job-error";

export interface JobView {
  id: string;
  type: string;
  /** Which kind of run of its type, in words, when the type has several ("payee clean-up"). */
  variant: string | null;
  status: BackgroundJob["status"];
  progress: number;
  message: string | null;
  result: unknown;
  error: string | null;
  attempts: number;
  processedCount: number;
  errorCount: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toJobView(j: BackgroundJob): JobView {
  return {
    id: j.id,
    type: j.type,
    variant: variantOf(j.type, j.payload),
    status: j.status,
    progress: j.progress,
    message: describeJobError(j.message),
    result: j.result ?? null,
    error: describeJobError(j.error),
    attempts: j.attempts,
    processedCount: j.processedCount,
    errorCount: j.errorCount,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

const CATEGORIZE_KINDS: Record<string, string> = { payee_lookup: "payee clean-up", classification: "categories" };

function variantOf(type: string, payload: unknown): string | null {
  const p = (payload ?? {}) as { kind?: unknown; scheduled?: unknown };
  if (type === "categorize" && typeof p.kind === "string") return CATEGORIZE_KINDS[p.kind] ?? null;
  if (p.scheduled === true) return "scheduled";
  return null;
}

/** The job row if its owner (or an admin) asks; anyone else gets 404, not 403. */
export async function findVisibleJob(viewer: { id: string; role: string }, id: string): Promise<BackgroundJob> {
  const job = await db().backgroundJob.findUnique({ where: { id } });
  if (!job || (job.userId !== viewer.id && viewer.role !== "ADMIN")) throw notFound("Job");
  return job;
}

export async function getJobForUser(viewer: { id: string; role: string }, id: string): Promise<JobView> {
  return toJobView(await findVisibleJob(viewer, id));
}
