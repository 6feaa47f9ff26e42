import type Queue from "bull";
import type { Job } from "bull";
import { env, workerConcurrency } from "../env";
import { log } from "../log";
import { failJob, findJob } from "./background-jobs";
import type { RunnableJob } from "./define-job";
import { beat } from "./heartbeat";
import { stalledIntervalFor } from "./job-options";
import { bullQueueOf } from "./queue-routes";
import { closeQueues, getQueue, scaledLockDurationOf } from "./queues";
import { createBullProcessor, settleCompletionWrites } from "./run-job";
import { registerSchedules } from "./schedules";
import { startStalledChecks, takeOverStalledCheck } from "./stalled-check";
import { createTypeSlots } from "./type-slots";

const HAND_BACK_DELAY_MS = 30_000;

/**
 * A job of a type this worker does not run (a newer version's type during a rolling deploy, or
 * a job added without its type as its name): queued again a little later for a worker that
 * runs it, its row left as it is. Failing it would lose work an upgraded worker can do.
 */
async function handBack(queue: Queue.Queue, job: Job): Promise<unknown> {
  // Bull's name for a job added without one: a programming error, never a type.
  if (job.name === "__default__") throw new Error(`job ${job.id} has no type: add jobs with their type as the Bull job name`);
  await queue.add(job.name, job.data, { ...job.opts, jobId: `${job.id}-unserved-${Date.now()}`, delay: HAND_BACK_DELAY_MS, repeat: undefined });
  log.warn({ queue: queue.name, bullJobId: job.id, type: job.name }, `[${queue.name}] job ${job.id} of type ${job.name}: no processor in this worker; queued again in ${HAND_BACK_DELAY_MS / 1000} s`);
  return { handedBack: true };
}

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
 * Serves the given job definitions on the Bull queues that carry them (queue-routes.ts): their processors, schedules, heartbeat, and
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
  const byBullQueue = new Map<string, RunnableJob[]>();
  for (const def of definitions) {
    const bullQueue = bullQueueOf(def.name);
    byBullQueue.set(bullQueue, [...(byBullQueue.get(bullQueue) ?? []), def]);
  }
  for (const [bullQueue, defs] of byBullQueue) {
    const served = new Map(
      defs.map((def) => {
        const name = def.name;
        const failed = async (payload: unknown, error: string, jobId: string) => {
          await def.failed(payload, error);
          await hooks.onJobFailed?.({ type: name, jobId, payload, error });
        };
        const concurrency = workerConcurrency(name, def.concurrency);
        const slots = createTypeSlots(concurrency);
        const processor = createBullProcessor(name, def.run, failed, { stopping: () => stopping, gate: (run) => slots.run(run) });
        return [name, { failed, concurrency, processor }] as const;
      }),
    );
    const queue = getQueue(bullQueue);
    queue.on("error", (err) => log.error({ queue: bullQueue, err: err.message }, `[${bullQueue}] queue error`));
    // Covers failures that never reach the processor wrapper, such as a job that stalled
    // (its worker was killed) more often than allowed.
    queue.on("failed", (job, err) => {
      const id = (job.data as { backgroundJobId?: string } | undefined)?.backgroundJobId;
      const type = served.get(job.name);
      if (type && id && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        failJob(id, err.message)
          .then(async (settled) => {
            const row = settled ? await findJob(id) : null;
            if (row) await type.failed(row.payload, err.message, id);
          })
          .catch(() => undefined);
      }
    });
    // One fetch loop per slot of every type the queue carries (type-slots.ts).
    const loops = [...served.values()].reduce((sum, type) => sum + type.concurrency, 0);
    takeOverStalledCheck(queue);
    catchWorkerNameFailure(queue);
    void queue
      .process("*", loops, (job: Job) => {
        const type = served.get(job.name);
        return type ? type.processor(job) : handBack(queue, job);
      })
      .catch((err: Error) => log.error({ queue: bullQueue, err: err.message }, `[${bullQueue}] processing stopped`));
    const types = [...served].map(([name, type]) => `${name} ${type.concurrency}`).join(", ");
    log.info({ queue: bullQueue, loops }, `[worker] serving ${bullQueue}: ${types}`);
  }
  await registerSchedules(definitions);

  const pulse = () =>
    beat(queues, config.WORKER_HEARTBEAT_INTERVAL_MS).catch((err) =>
      log.warn({ err: (err as Error).message }, "[worker] heartbeat failed"),
    );
  const reconcileNow = () => sweep().catch((err) => log.warn({ err: (err as Error).message }, "[worker] reconcile failed"));
  await pulse();
  const timers = [setInterval(pulse, config.WORKER_HEARTBEAT_INTERVAL_MS), setInterval(reconcileNow, RECONCILE_INTERVAL_MS)];
  const stalledEveryMs = Math.min(...queues.map((name) => stalledIntervalFor(scaledLockDurationOf(name))));
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

/**
 * Bull's process() names the blocking connection (CLIENT SETNAME, for listing workers) and
 * leaves that promise unhandled: a worker stopped before the reply (a SIGTERM right after
 * start) rejects it with "Connection is closed", an unhandled rejection that can take the
 * process down. The name is only a label, so a failure to set it is logged and ignored.
 */
function catchWorkerNameFailure(queue: Queue.Queue): void {
  const named = queue as unknown as { setWorkerName(): Promise<unknown> };
  const setWorkerName = named.setWorkerName.bind(queue);
  named.setWorkerName = () =>
    setWorkerName().catch((err: Error) => log.debug({ queue: queue.name, err: err.message }, "[worker] could not name its Redis connection"));
}
