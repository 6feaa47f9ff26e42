import { QUEUE, type QueueName } from "../queue/names";
import { createNotification } from "./notifications";

// "A job failed" in the person's words: what did not happen, and where to look. Only for jobs
// a person started or owns (a userId) and that failed for good; a failed notification job is
// not announced with another notification.

const WHAT_FAILED: Partial<Record<QueueName, string>> = {
  [QUEUE.csvImport]: "An import failed",
  [QUEUE.categorize]: "Categorization failed",
  [QUEUE.budgetProcessing]: "A budget could not be processed",
  [QUEUE.forecastCompute]: "The forecast could not be computed",
  [QUEUE.financialSummary]: "Your summary could not be updated",
};

export async function notifyJobFailed(type: QueueName, jobId: string, userId: string | undefined, error: string): Promise<void> {
  if (!userId || type === QUEUE.notification) return;
  await createNotification({
    userId,
    kind: "job_failed",
    title: WHAT_FAILED[type] ?? `A background job (${type}) failed`,
    body: error.slice(0, 300),
    link: `/dashboard/background-jobs?status=failed&type=${encodeURIComponent(type)}`,
    jobId,
  });
}
