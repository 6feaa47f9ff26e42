import { env } from "../env";
import { ALL_QUEUES, isQueueName, type QueueName } from "../jobs/job-names";
import { runWorker, type RunningWorker } from "../queue/worker";
import { JOB_DEFINITIONS } from "./job-registry";
import { reconcileJobs } from "./reconcile-jobs";

export type { RunningWorker };

// The composition root of the worker process: every job definition (or the ones WORKER_QUEUES
// names), handed to the queue layer with the application's reconciler.

/** Serves the given queues (default: WORKER_QUEUES, else every job type). */
export function startWorker(options: { queues?: QueueName[] } = {}): Promise<RunningWorker> {
  const wanted = options.queues ?? env().WORKER_QUEUES ?? ALL_QUEUES;
  const unknown = wanted.filter((name) => !isQueueName(name));
  if (unknown.length) throw new Error(`WORKER_QUEUES: unknown queue(s): ${unknown.join(", ")}; known: ${ALL_QUEUES.join(", ")}`);
  const definitions = (wanted as QueueName[]).map((name) => JOB_DEFINITIONS[name]);
  return runWorker(definitions, () => reconcileJobs());
}
