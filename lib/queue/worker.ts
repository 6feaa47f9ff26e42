import { env } from "../env";
import { concurrencyOf, JOB_DEFINITIONS } from "../jobs/registry";
import { log } from "../log";
import { failJob, findJob } from "./background-jobs";
import { beat } from "./heartbeat";
import { ALL_QUEUES, type QueueName } from "./names";
import { closeQueues, getQueue } from "./queues";
import { reconcile } from "./reconcile";
import { createBullProcessor, settleCompletionWrites } from "./run-job";
import { registerSchedules } from "./schedules";

const RECONCILE_INTERVAL_MS = 60_000;

export interface RunningWorker {
  queues: QueueName[];
  /** Stops taking jobs, waits for the running ones, closes the queues. */
  stop(): Promise<void>;
}

/** Serves the given queues (default: WORKER_QUEUES, else every queue with a processor). */
export async function startWorker(options: { queues?: QueueName[] } = {}): Promise<RunningWorker> {
  const config = env();
  const wanted = options.queues ?? config.WORKER_QUEUES ?? [...ALL_QUEUES];
  const queues = wanted.filter((name) => JOB_DEFINITIONS[name]);
  const idle = wanted.filter((name) => !JOB_DEFINITIONS[name]);
  if (idle.length) log.info(`[worker] no processor in this version for: ${idle.join(", ")}`);

  let stopping = false;
  for (const name of queues) {
    const def = JOB_DEFINITIONS[name]!;
    const queue = getQueue(name);
    queue.on("error", (err) => log.error({ queue: name, err: err.message }, `[${name}] queue error`));
    // Covers failures that never reach the processor wrapper, such as a job that stalled
    // (its worker was killed) more often than allowed.
    queue.on("failed", (job, err) => {
      const id = (job.data as { backgroundJobId?: string } | undefined)?.backgroundJobId;
      if (id && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        failJob(id, err.message)
          .then(async () => {
            const row = def.onFailed ? await findJob(id) : null;
            if (row) await def.onFailed!(row.payload, err.message);
          })
          .catch(() => undefined);
      }
    });
    // "*": plain jobs and the named repeatable ("scheduled") ones.
    const processor = createBullProcessor(name, def.processor, def.onFailed, { stopping: () => stopping });
    void queue.process("*", concurrencyOf(name), processor).catch((err: Error) =>
      log.error({ queue: name, err: err.message }, `[${name}] processing stopped`),
    );
    log.info({ queue: name, concurrency: concurrencyOf(name) }, `[worker] serving ${name} (concurrency ${concurrencyOf(name)})`);
  }
  await registerSchedules(queues);

  const pulse = () =>
    beat(queues, config.WORKER_HEARTBEAT_INTERVAL_MS).catch((err) =>
      log.warn({ err: (err as Error).message }, "[worker] heartbeat failed"),
    );
  const sweep = () =>
    reconcile().catch((err) => log.warn({ err: (err as Error).message }, "[worker] reconcile failed"));
  await pulse();
  const timers = [setInterval(pulse, config.WORKER_HEARTBEAT_INTERVAL_MS), setInterval(sweep, RECONCILE_INTERVAL_MS)];

  return {
    queues,
    async stop() {
      stopping = true;
      timers.forEach(clearInterval);
      await closeQueues();
      await settleCompletionWrites();
      await Promise.all(queues.map((name) => JOB_DEFINITIONS[name]?.onStop?.()));
    },
  };
}
