import { z } from "zod";
import { env } from "../env";
import { ALL_BULL_QUEUES, ALL_QUEUES, isBullQueueName, isQueueName, JOB_QUEUE, QUEUE, type QueueName } from "../jobs/job-names";
import { log } from "../log";
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

/**
 * The job types a worker runs for WORKER_QUEUES-style names: a Bull queue's name brings every
 * type it carries, and so does a type's name (a worker serves whole Bull queues: one that
 * fetched a job of a type it does not run could only hand it back).
 */
export function jobTypesToServe(names: readonly string[]): QueueName[] {
  const unknown = names.filter((name) => !isQueueName(name) && !isBullQueueName(name));
  if (unknown.length) {
    throw new Error(`WORKER_QUEUES: unknown name(s): ${unknown.join(", ")}; queues: ${ALL_BULL_QUEUES.join(", ")}; job types: ${ALL_QUEUES.join(", ")}`);
  }
  const bullQueues = new Set(names.map((name) => (isQueueName(name) ? JOB_QUEUE[name] : name)));
  return ALL_QUEUES.filter((type) => bullQueues.has(JOB_QUEUE[type]));
}

/** Serves the given queues or job types (default: WORKER_QUEUES, else every queue), whole Bull queues at a time. */
export function startWorker(options: { queues?: string[] } = {}): Promise<RunningWorker> {
  const wanted: readonly string[] = options.queues ?? env().WORKER_QUEUES ?? ALL_BULL_QUEUES;
  const queues = jobTypesToServe(wanted);
  const added = queues.filter((type) => !wanted.includes(type) && !wanted.includes(JOB_QUEUE[type]));
  if (added.length) log.info(`[worker] also serving ${added.join(", ")}: they share a Bull queue with ${wanted.join(", ")}`);
  const definitions = queues.map((name) => JOB_DEFINITIONS[name]);
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
