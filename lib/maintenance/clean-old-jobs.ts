import { ALL_BULL_QUEUES } from "../jobs/job-names";
import { deleteFinishedJobs } from "../queue/background-jobs";
import { getQueue } from "../queue/queues";

// Retention: completed jobs for a day, failed and cancelled ones for a week (long enough to
// look into and retry). Job logs go with their row (cascade). Bull's own completed and failed
// sets are trimmed by the same rules.

export const COMPLETED_RETENTION_MS = 24 * 3600 * 1000;
export const FAILED_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface CleanupReport {
  completedRows: number;
  failedRows: number;
  bullCompleted: number;
  bullFailed: number;
}

export async function cleanOldJobs(now = new Date()): Promise<CleanupReport> {
  const completedBefore = new Date(now.getTime() - COMPLETED_RETENTION_MS);
  const failedBefore = new Date(now.getTime() - FAILED_RETENTION_MS);
  const rows = await deleteFinishedJobs(completedBefore, failedBefore);

  let bullCompleted = 0;
  let bullFailed = 0;
  for (const name of ALL_BULL_QUEUES) {
    const queue = getQueue(name);
    bullCompleted += (await queue.clean(COMPLETED_RETENTION_MS, "completed")).length;
    bullFailed += (await queue.clean(FAILED_RETENTION_MS, "failed")).length;
  }
  return { completedRows: rows.completed, failedRows: rows.failed, bullCompleted, bullFailed };
}
