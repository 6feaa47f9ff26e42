import { z } from "zod";
import { QUEUE, type QueueName } from "../jobs/job-names";
import { describeJobError } from "../queue/describe-job-error";
import type { JobFailure } from "../queue/worker";
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

const ownerSchema = z.object({ userId: z.string().min(1) });

export async function notifyJobFailed({ type, jobId, payload, error }: JobFailure): Promise<void> {
  const userId = ownerSchema.safeParse(payload).data?.userId;
  if (!userId || type === QUEUE.notification) return;
  await createNotification({
    userId,
    kind: "job_failed",
    title: WHAT_FAILED[type as QueueName] ?? `A background job (${type}) failed`,
    body: describeJobError(error).slice(0, 300),
    link: `/dashboard/background-jobs?status=failed&type=${encodeURIComponent(type)}`,
    jobId,
  });
}
