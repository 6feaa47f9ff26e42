import { db } from "../db";
import { buildSummary, type SummaryData } from "../finance/summary";
import { financialSummaryJob } from "../jobs/financial-summary";
import { findActiveJobId, findLatestFailure } from "../queue/background-jobs";
import { describeJobError } from "../queue/describe-job-error";

export interface SummaryView extends SummaryData {
  status: "ready" | "updating";
  computedAt: string | null;
  /** The pending or running recompute, while status is "updating". */
  jobId?: string;
  /**
   * The latest recompute that failed after the shown summary was computed (its figures are
   * the last good ones), with the reason in words; null when the last run succeeded.
   */
  failure: { jobId: string; error: string; at: string } | null;
}

/** The stored summary plus whether a recompute is on its way, or why the last one failed. */
export async function getSummary(userId: string, now = new Date()): Promise<SummaryView> {
  const [summary, activeJob, failedJob] = await Promise.all([
    db().financialSummary.findUnique({ where: { userId } }),
    findActiveJobId(userId, financialSummaryJob.name),
    findLatestFailure(userId, financialSummaryJob.name),
  ]);
  const data = summary ? (summary.data as unknown as SummaryData) : buildSummary([], new Map(), now);
  const failed = failedJob && (!summary || failedJob.finishedAt! > summary.computedAt) ? failedJob : null;
  return {
    ...data,
    status: activeJob ? "updating" : "ready",
    computedAt: summary?.computedAt.toISOString() ?? null,
    ...(activeJob ? { jobId: activeJob } : {}),
    failure: failed
      ? {
          jobId: failed.id,
          error: describeJobError(failed.error ?? "the recompute stopped without a reason"),
          at: failed.finishedAt!.toISOString(),
        }
      : null,
  };
}
