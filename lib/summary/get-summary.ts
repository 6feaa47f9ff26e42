import { db } from "../db";
import { buildSummary, type SummaryData } from "../finance/summary";
import { financialSummaryJob } from "../jobs/financial-summary";
import { findActiveJobId } from "../queue/background-jobs";

export interface SummaryView extends SummaryData {
  status: "ready" | "updating";
  computedAt: string | null;
  /** The pending or running recompute, while status is "updating". */
  jobId?: string;
}

/** The stored summary plus whether a recompute is on its way. */
export async function getSummary(userId: string, now = new Date()): Promise<SummaryView> {
  const [summary, activeJob] = await Promise.all([
    db().financialSummary.findUnique({ where: { userId } }),
    findActiveJobId(userId, financialSummaryJob.name),
  ]);
  const data = summary ? (summary.data as unknown as SummaryData) : buildSummary([], new Map(), now);
  return {
    ...data,
    status: activeJob ? "updating" : "ready",
    computedAt: summary?.computedAt.toISOString() ?? null,
    ...(activeJob ? { jobId: activeJob } : {}),
  };
}
