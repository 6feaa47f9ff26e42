import { db } from "../db";
import { buildSummary, currentMonthSummary, monthKey, type MonthSummary, type SummaryData } from "../finance/summary";
import { computeMonthSummary } from "./compute-summary";
import { financialSummaryJob } from "../jobs/financial-summary";
import { findActiveJobId, findLatestFailure } from "../queue/background-jobs";
import { describeJobError } from "../queue/describe-job-error";

export interface SummaryView extends SummaryData {
  /**
   * The month the person picked (the dashboard's ?month=), current month by default: from the
   * stored summary for the current month, computed from that month's rows for any other.
   */
  selected: MonthSummary;
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
export async function getSummary(userId: string, now = new Date(), month?: string): Promise<SummaryView> {
  const [summary, activeJob, failedJob, user] = await Promise.all([
    db().financialSummary.findUnique({ where: { userId } }),
    findActiveJobId(userId, financialSummaryJob.name),
    findLatestFailure(userId, financialSummaryJob.name),
    db().user.findUnique({ where: { id: userId }, select: { currency: true } }),
  ]);
  const mainCurrency = user?.currency ?? "USD";
  const stored = summary ? (summary.data as unknown as Partial<SummaryData>) : null;
  // A summary stored before currencies were split has neither field: its figures are the main currency's.
  const data: SummaryData = stored
    ? { ...(stored as SummaryData), currency: stored.currency ?? mainCurrency, otherCurrencies: stored.otherCurrencies ?? [] }
    : buildSummary([], new Map(), now, mainCurrency);
  const wanted = month ?? monthKey(now);
  const selected =
    wanted === data.currentMonth.month ? currentMonthSummary(data) : await computeMonthSummary(userId, wanted, data.currency);
  const failed = failedJob && (!summary || failedJob.finishedAt! > summary.computedAt) ? failedJob : null;
  return {
    ...data,
    selected,
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
