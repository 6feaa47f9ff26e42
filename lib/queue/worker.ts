import { env, workerConcurrency } from "../env";
import { log } from "../log";
import { failJob, findJob } from "./background-jobs";
import type { RunnableJob } from "./define-job";
import { beat } from "./heartbeat";
import { closeQueues, getQueue } from "./queues";
import { createBullProcessor, settleCompletionWrites, type JobFailedListener } from "./run-job";
import { registerSchedules } from "./schedules";

const RECONCILE_INTERVAL_MS = 60_000;

export interface RunningWorker {
  queues: string[];
  /** Stops taking jobs, waits for the running ones, closes the queues. */
  stop(): Promise<void>;
}

/** What the composition root adds around every job type (this layer imports no domain). */
export interface WorkerHooks {
  /** Told of every job that fails for good, whatever its type (e.g. a job.failed webhook). */
  onJobFailed?: JobFailedListener;
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
    const queue = getQueue(name);
    queue.on("error", (err) => log.error({ queue: name, err: err.message }, `[${name}] queue error`));
    // Covers failures that never reach the processor wrapper, such as a job that stalled
    // (its worker was killed) more often than allowed.
    queue.on("failed", (job, err) => {
      const id = (job.data as { backgroundJobId?: string } | undefined)?.backgroundJobId;
      if (id && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        failJob(id, err.message)
          .then(() => findJob(id))
          .then(async (row) => {
            if (!row) return;
            await def.failed(row.payload, err.message);
            await hooks.onJobFailed?.({ id, type: name, userId: row.userId, error: err.message, attempts: row.attempts });
          })
          .catch(() => undefined);
      }
    });
    const concurrency = workerConcurrency(name, def.concurrency);
    // "*": plain jobs and the named repeatable ("scheduled") ones.
    const processor = createBullProcessor(name, def.run, def.failed, { stopping: () => stopping, onJobFailed: hooks.onJobFailed });
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

  return {
    queues,
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      await closeQueues();
      await settleCompletionWrites();
      await hooks.onStop?.();
    },
  };
}
