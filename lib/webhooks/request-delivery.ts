import type { Tx } from "../queue/background-jobs";
import { createJobRow } from "../queue/background-jobs";
import { dispatchJob } from "../queue/dispatch-job";
import { QUEUE } from "../queue/names";

// The one place lib/webhooks asks the queue for work: a webhook-delivery job per attempt.
// (Kept apart so the job layer's typed request helper can replace these two functions.)

export interface DeliveryJob {
  id: string;
  userId: string;
  runAfter: Date;
}

/** Writes the job row for one attempt inside the caller's transaction; dispatch after commit. */
export async function requestDeliveryAttempt(
  tx: Tx,
  userId: string,
  deliveryId: string,
  attempt: number,
  runAfter = new Date(),
): Promise<DeliveryJob> {
  // One attempt per job: the delivery's own schedule (deliver-webhook.ts) does the retrying,
  // for 24 hours, which Bull's few quick attempts would not cover.
  const job = await createJobRow(tx, { type: QUEUE.webhookDelivery, userId, payload: { deliveryId, attempt }, runAfter, maxAttempts: 1 });
  return { id: job.id, userId, runAfter };
}

/** After commit (never throws: the reconciler queues a job Redis missed). */
export async function dispatchDeliveryJobs(jobs: readonly DeliveryJob[]): Promise<void> {
  for (const job of jobs) await dispatchJob({ id: job.id, type: QUEUE.webhookDelivery, userId: job.userId, runAfter: job.runAfter });
}
