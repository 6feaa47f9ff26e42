import { cleanExpiredInsights } from "../maintenance/clean-old-insights";
import { cleanOldJobs } from "../maintenance/clean-old-jobs";
import { cleanUnconfirmedImports } from "../maintenance/clean-unconfirmed-imports";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";

// data-cleanup (Sunday 04:00): retention of jobs, their logs and Bull's finished sets, and of
// insights long past their expiry, and of uploads never confirmed.
export async function processDataCleanup(_payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  await ctx.progress(5, "Removing old jobs");
  const report = await cleanOldJobs();
  await ctx.progress(80, "Removing expired insights");
  const expiredInsights = await cleanExpiredInsights();
  const unconfirmed = await cleanUnconfirmedImports();
  const message = `Removed ${report.completedRows} completed and ${report.failedRows} failed jobs, ${expiredInsights} expired insights, ${unconfirmed.imports} unconfirmed uploads`;
  await ctx.log("info", `${message}; Bull: ${report.bullCompleted} completed, ${report.bullFailed} failed`);
  return { result: { ...report, expiredInsights, unconfirmedImports: unconfirmed.imports, unconfirmedImportBytes: unconfirmed.bytes }, message };
}
