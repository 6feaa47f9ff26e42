import { env, workerConcurrency } from "../env";
import { log } from "../log";
import { failJob, findJob } from "./background-jobs";
import type { RunnableJob } from "./define-job";
import { beat } from "./heartbeat";
import { bullQueueSettings } from "./job-options";
import { closeQueues, getQueue, scaledLockDurationOf } from "./queues";
import { createBullProcessor, settleCompletionWrites } from "./run-job";
import { registerSchedules } from "./schedules";
import { startStalledChecks, takeOverStalledCheck } from "./stalled-check";

const RECONCILE_INTERVAL_MS = 60_000;

export interface RunningWorker {
  queues: string[];
  /** Stops taking jobs, waits for the running ones, closes the queues. */
  stop(): Promise<void>;
}

/** A job that failed for good, as the application's failure listeners see it. */
export interface JobFailure {
  type: string;
  jobId: string;
  payload: unknown;
  error: string;
}

/** What the composition root adds around every job type (this layer imports no domain). */
export interface WorkerHooks {
  /** After a job's own onFailed, for every job type (a notification, a webhook). Never throws into the worker. */
  onJobFailed?: (failure: JobFailure) => Promise<void>;
  /** After the last job and the queues are closed: release what processors hold (threads, pools). */
  onStop?: () => Promise<void>;
}

/**
 * Serves the queues of the given job definitions: their processors, schedules, heartbeat, and
 * `sweep` (the reconciler, with the application's hooks) every minute. The definitions come
 * from the composition root (lib/worker/): this layer knows no job type.
 */
export async function runWorker(
  definitions: readonly RunnableJob[],
  sweep: () => Promise<unknown>,
  hooks: WorkerHooks = {},
): Promise<RunningWorker> {
  const config = env();
  const queues = definitions.map((def) => def.name);
  let stopping = false;
  for (const def of definitions) {
    const name = def.name;
    const failed = async (payload: unknown, error: string, jobId: string) => {
      await def.failed(payload, error);
      await hooks.onJobFailed?.({ type: name, jobId, payload, error });
    };
    const queue = getQueue(name);
    queue.on("error", (err) => log.error({ queue: name, err: err.message }, `[${name}] queue error`));
    // Covers failures that never reach the processor wrapper, such as a job that stalled
    // (its worker was killed) more often than allowed.
    queue.on("failed", (job, err) => {
      const id = (job.data as { backgroundJobId?: string } | undefined)?.backgroundJobId;
      if (id && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        failJob(id, err.message)
          .then(async (settled) => {
            const row = settled ? await findJob(id) : null;
            if (row) await failed(row.payload, err.message, id);
          })
          .catch(() => undefined);
      }
    });
    const concurrency = workerConcurrency(name, def.concurrency);
    // "*": plain jobs and the named repeatable ("scheduled") ones.
    const processor = createBullProcessor(name, def.run, failed, { stopping: () => stopping });
    takeOverStalledCheck(queue);
    void queue.process("*", concurrency, processor).catch((err: Error) =>
      log.error({ queue: name, err: err.message }, `[${name}] processing stopped`),
    );
    log.info({ queue: name, concurrency }, `[worker] serving ${name} (concurrency ${concurrency})`);
  }
  await registerSchedules(definitions);

  const pulse = () =>
    beat(queues, config.WORKER_HEARTBEAT_INTERVAL_MS).catch((err) =>
      log.warn({ err: (err as Error).message }, "[worker] heartbeat failed"),
    );
  const reconcileNow = () => sweep().catch((err) => log.warn({ err: (err as Error).message }, "[worker] reconcile failed"));
  await pulse();
  const timers = [setInterval(pulse, config.WORKER_HEARTBEAT_INTERVAL_MS), setInterval(reconcileNow, RECONCILE_INTERVAL_MS)];
  const stalledEveryMs = Math.min(...queues.map((name) => bullQueueSettings(scaledLockDurationOf(name)).stalledInterval!));
  const stopStalledChecks = queues.length ? startStalledChecks(queues, stalledEveryMs) : () => undefined;

  return {
    queues,
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      stopStalledChecks();
      await closeQueues();
      await settleCompletionWrites();
      await hooks.onStop?.();
    },
  };
}
