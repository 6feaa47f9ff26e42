import { env } from "../env";
import { log } from "../log";
import { markEnqueued, type JobPayload } from "./background-jobs";
import { getQueue } from "./queues";

export interface DispatchableJob {
  id: string;
  type: string;
  userId?: string | null;
  runAfter: Date;
  /**
   * The delay to give Bull, when the caller knows it better than `runAfter` minus this
   * process's clock (a deferral measures it on Postgres's clock, the one the claim reads).
   */
  delayMs?: number;
  /** Another Bull job id for the same row (a deferral); defaults to the row id. */
  bullJobId?: string;
  /** Bull priority: 1 is the highest; larger runs after other waiting jobs of the queue. */
  priority?: number;
}

/**
 * Adds the Bull job for a committed BackgroundJob row, named for its type, to the Bull queue
 * that carries the type: the second half of the outbox.
 * The Bull job id is the row id, so adding twice (a request and the reconciler) is a no-op,
 * and every run has its own id: a kept completed job can never block a later run.
 * Never throws: when Redis is down or slow the row stays pending with enqueuedAt unset and
 * the reconciler adds it later. Returns whether the job reached Redis.
 */
export async function dispatchJob(job: DispatchableJob): Promise<boolean> {
  const payload: JobPayload = { backgroundJobId: job.id, ...(job.userId ? { userId: job.userId } : {}) };
  const delay = Math.max(0, job.delayMs ?? job.runAfter.getTime() - Date.now());
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out waiting for Redis")), env().ENQUEUE_TIMEOUT_MS);
    });
    await Promise.race([getQueue(job.type).add(job.type, payload, { jobId: job.bullJobId ?? job.id, delay, ...(job.priority ? { priority: job.priority } : {}) }), timeout]);
    await markEnqueued(job.id, job.bullJobId ?? job.id);
    return true;
  } catch (err) {
    log.warn(
      { jobId: job.id, type: job.type, err: (err as Error).message },
      `[${job.type}] job ${job.id} saved but not queued; the reconciler will add it`,
    );
    return false;
  } finally {
    clearTimeout(timer);
  }
}
