import { z } from "zod";
import { env } from "../env";
import { ALL_QUEUES, isQueueName, QUEUE, type QueueName } from "../jobs/job-names";
import { notifyJobFailed } from "../notifications/notify-job-failed";
import type { JobFailure } from "../queue/worker";
import { runWorker, type RunningWorker } from "../queue/worker";
import { closeOcrWorkers } from "../receipts/read-text";
import { emitWebhookEvent } from "../webhooks/emit-event";
import { JOB_DEFINITIONS } from "./job-registry";
import { reconcileJobs } from "./reconcile-jobs";

export type { RunningWorker };

// The composition root of the worker process: every job definition (or the ones WORKER_QUEUES
// names), handed to the queue layer with the application's reconciler and its hooks.

/** Serves the given queues (default: WORKER_QUEUES, else every job type). */
export function startWorker(options: { queues?: QueueName[] } = {}): Promise<RunningWorker> {
  const wanted = options.queues ?? env().WORKER_QUEUES ?? ALL_QUEUES;
  const unknown = wanted.filter((name) => !isQueueName(name));
  if (unknown.length) throw new Error(`WORKER_QUEUES: unknown queue(s): ${unknown.join(", ")}; known: ${ALL_QUEUES.join(", ")}`);
  const definitions = (wanted as QueueName[]).map((name) => JOB_DEFINITIONS[name]);
  const queues = wanted as QueueName[];
  // The worker's own sweep skips the report (queue counts, heartbeat): Redis commands nobody reads.
  return runWorker(definitions, () => reconcileJobs({ report: false }), {
    onJobFailed: async (failure) => {
      await notifyJobFailed(failure);
      await emitJobFailed(failure);
    },
    // Tesseract's worker threads would keep the process alive after SIGTERM.
    onStop: queues.includes(QUEUE.receiptOcr) ? closeOcrWorkers : undefined,
  });
}

const ownerSchema = z.object({ userId: z.string().min(1) });

/** The job.failed webhook, for any type but a delivery's own (its failure is the endpoint's). */
async function emitJobFailed({ type, jobId, payload, error }: JobFailure): Promise<void> {
  const userId = ownerSchema.safeParse(payload).data?.userId;
  if (!userId || type === QUEUE.webhookDelivery) return;
  await emitWebhookEvent(undefined, userId, "job.failed", { id: jobId, type, error }, { dedupeKey: `job.failed:${jobId}` });
}
