import type { Job } from "bull";
import { z } from "zod";
import { PermanentJobError } from "../errors";
import { log } from "../log";
import {
  claimJob,
  completeJob,
  failJob,
  findUnclaimedState,
  markCancelled,
  markRetrying,
  rowForScheduledJob,
  type ClaimedJob,
} from "./background-jobs";
import type { ProcessorOutcome } from "./define-job";
import { dispatchJob } from "./dispatch-job";
import { injectedStepDelayMs, throwIfFaultInjected } from "./fault-injection";
import { createJobContext, JobCancelledError, type JobContext } from "./job-context";
import { scaledLockDurationOf } from "./queues";

export type Processor = (payload: unknown, ctx: JobContext) => Promise<ProcessorOutcome>;


const jobPayloadSchema = z.union([
  z.object({ backgroundJobId: z.string().min(1) }),
  // A repeatable (scheduled) run: its row is made when it first runs.
  z.object({ scheduled: z.literal(true) }),
]);

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Bull's delay before the next attempt: exponential, (2^attempts - 1) × delay, as Bull computes it. */
function nextRetryDelay(bullJob: Job): number {
  const backoff = bullJob.opts.backoff;
  const base = typeof backoff === "number" ? backoff : (backoff?.delay ?? 0);
  return Math.round((2 ** (bullJob.attemptsMade + 1) - 1) * base);
}

const CLAIM_TRIES = 3;

/**
 * Claims the row for this Bull job or, when it cannot be claimed, settles what that means.
 * A pending row must never be left without a live Bull job (issue 10's wake-up race):
 * - not yet due (changes that attached to it pushed its start out): queue a Bull job for the
 *   new start, its delay measured on Postgres's clock, the one the claim compares with. Its
 *   id is derived from that start, so several early arrivals collapse into one; never this
 *   job's own id, which Bull would take as a duplicate of the job that is running now.
 * - due by the time it is read again (it came due between the claim and the read): claim again.
 * A running row with a cancel request (its worker died before it saw it) is settled as cancelled.
 */
async function claimOrSettle(
  type: string,
  id: string,
  bullJobId: string,
): Promise<ClaimedJob | "deferred" | "cancelled" | "skipped"> {
  for (let attempt = 0; attempt < CLAIM_TRIES; attempt++) {
    const claimed = await claimJob(id, bullJobId);
    if (claimed) return claimed;
    const row = await findUnclaimedState(id);
    if (!row) return "skipped";
    if (row.status === "running" && row.cancelRequested) {
      await markCancelled(id);
      return "cancelled";
    }
    if (row.status !== "pending" || row.cancelRequested) return "skipped";
    if (row.dueInMs > 0) {
      const deferralId = `${id}-at-${row.runAfterMs}`;
      await dispatchJob({
        id,
        type,
        userId: row.userId,
        runAfter: new Date(Number(row.runAfterMs)),
        delayMs: row.dueInMs,
        bullJobId: deferralId === bullJobId ? `${deferralId}-${Date.now()}` : deferralId,
      });
      return "deferred";
    }
  }
  // Due, pending, and still not claimable by this job: hand it to a fresh Bull job.
  await dispatchJob({ id, type, runAfter: new Date(), bullJobId: `${id}-again-${Date.now()}` });
  return "deferred";
}

/**
 * Holds a job's Bull lock at its own type's duration while it runs, renewed at half of it (what
 * Bull's own renewal does with one duration per queue; job types share queues, so Bull's is
 * off: job-options.ts). The fetch took the queue's shortest lock: a type with a longer one
 * extends at once, before a step that blocks the event loop could let it lapse.
 */
function holdJobLock(bullJob: Job, lockMs: number): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const renewEveryMs = Math.max(1, Math.floor(lockMs / 2));
  const extend = () => {
    bullJob
      .extendLock(lockMs)
      .then((held: unknown) => {
        if (stopped) return;
        if (held) timer = setTimeout(extend, renewEveryMs);
        else log.warn({ bullJobId: bullJob.id }, `bull job ${bullJob.id} lost its lock (its worker was seen as dead); another may run it`);
      })
      .catch(() => {
        if (!stopped) timer = setTimeout(extend, Math.min(renewEveryMs, 5000));
      });
  };
  const fetchLockMs = (bullJob.queue as unknown as { settings: { lockDuration: number } }).settings.lockDuration;
  if (lockMs > fetchLockMs) extend();
  else timer = setTimeout(extend, renewEveryMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// Completion writes still in flight (see writeCompletion); a stopping worker waits for them.
const completions = new Set<Promise<void>>();
const COMPLETION_RETRY_DELAYS_MS = [500, 2000, 5000];

/**
 * Marks the row completed while Bull records its own completion, rather than before: the
 * write leaves the job's critical path, and a worker runs one Postgres round trip fewer per
 * job (bench/jobs). A failed write (a Postgres blip) is retried a few times; if it never lands
 * the row stays running, Bull no longer runs it, and the sweep (reconcile.ts) runs the job
 * again, which every processor allows. The other order, row first and then a crash before
 * Bull hears of it, was already safe: Bull runs the job again and the claim finds it done.
 */
function writeCompletion(
  type: string,
  id: string,
  outcome: ProcessorOutcome,
  counters: Parameters<typeof completeJob>[3],
): void {
  const write = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        await completeJob(id, outcome.result, outcome.message, counters);
        return;
      } catch (err) {
        if (attempt >= COMPLETION_RETRY_DELAYS_MS.length) {
          log.error({ queue: type, jobId: id, err: errorMessage(err) }, `[${type}] job ${id} done, but its completion could not be saved; the sweep will run it again`);
          return;
        }
        await new Promise((r) => setTimeout(r, COMPLETION_RETRY_DELAYS_MS[attempt]));
      }
    }
  })();
  completions.add(write);
  void write.finally(() => completions.delete(write));
}

/** Waits for the completion writes this process still has in flight. */
export async function settleCompletionWrites(): Promise<void> {
  while (completions.size > 0) await Promise.all([...completions]);
}

/**
 * Wraps a processor for Bull: claims the BackgroundJob row (running), runs the processor with
 * a context, then marks the row completed. On error: back to pending while Bull retries,
 * failed after the last attempt, failed at once for a PermanentJobError (discarded: no more
 * attempts), cancelled when the processor saw a cancel request. `onFailed` runs once the row is
 * failed for good.
 */
export function createBullProcessor(
  type: string,
  processor: Processor,
  onFailed?: (payload: unknown, error: string, jobId: string) => Promise<void>,
  options: {
    stopping?: () => boolean;
    lockDurationMs?: number;
    /** Runs the job when the type has a free slot (its concurrency in a shared queue); the lock is held while it waits. */
    gate?: <T>(run: () => Promise<T>) => Promise<T>;
  } = {},
) {
  return async (bullJob: Job): Promise<unknown> => {
    const releaseLock = holdJobLock(bullJob, options.lockDurationMs ?? scaledLockDurationOf(type));
    try {
      return await (options.gate ? options.gate(() => runClaimed(bullJob)) : runClaimed(bullJob));
    } finally {
      releaseLock();
    }
  };

  async function runClaimed(bullJob: Job): Promise<unknown> {
    const parsed = jobPayloadSchema.safeParse(bullJob.data);
    if (!parsed.success) {
      bullJob.discard();
      log.error({ queue: type, bullJobId: bullJob.id }, `[${type}] bull job ${bullJob.id} has no valid payload; discarded`);
      throw new PermanentJobError("invalid job payload");
    }
    const id: string =
      "backgroundJobId" in parsed.data ? parsed.data.backgroundJobId : (await rowForScheduledJob(type, String(bullJob.id))).id;

    if (options.stopping?.()) {
      // The worker is shutting down, and Bull handed it a job it had already fetched (a
      // blocking fetch can return as the queue closes). Leave the row pending and queue the
      // job again for another worker, under a new Bull id because this one completes now.
      const userId = (bullJob.data as { userId?: string }).userId;
      await dispatchJob({ id, type, userId, runAfter: new Date(), bullJobId: `${id}-handover-${Date.now()}` });
      log.info({ queue: type, jobId: id }, `[${type}] job ${id} handed back: this worker is stopping`);
      return { handedOver: true };
    }

    const row = await claimOrSettle(type, id, String(bullJob.id));
    if (typeof row === "string") {
      if (row === "skipped") log.info({ queue: type, jobId: id }, `[${type}] job ${id} is finished, cancelled or gone; nothing to do`);
      return { [row]: true };
    }

    const userId = row.userId ?? undefined;
    const ctx = createJobContext(type, bullJob, id, userId, row.attempts, await injectedStepDelayMs(type));
    const started = Date.now();
    try {
      await throwIfFaultInjected(type);
      const outcome = await processor(row.payload, ctx);
      writeCompletion(type, id, outcome, ctx.counters());
      log.info(
        { queue: type, jobId: id, userId, ms: Date.now() - started },
        `[${type}] job ${id} user ${userId ?? "-"} ${outcome.message} in ${Date.now() - started} ms`,
      );
      return outcome.result;
    } catch (err) {
      await ctx.flush().catch(() => undefined);
      if (err instanceof JobCancelledError) {
        await ctx.log("warning", "cancelled on request").catch(() => undefined);
        await markCancelled(id);
        return { cancelled: true };
      }
      const message = errorMessage(err);
      const permanent = err instanceof PermanentJobError;
      const lastAttempt = bullJob.attemptsMade + 1 >= (bullJob.opts.attempts ?? 1);
      await ctx.log("error", `attempt ${row.attempts} failed: ${message}`).catch(() => undefined);
      if (permanent || lastAttempt) {
        if (permanent) bullJob.discard();
        // The domain's own record of the failure (e.g. a budget's error state), once, and never
        // masking the job's error. Bull's "failed" event comes next and finds the row settled.
        if (await failJob(id, message)) {
          await onFailed?.(row.payload, message, id).catch((hookErr: Error) =>
            log.error({ queue: type, jobId: id, err: hookErr.message }, `[${type}] job ${id} failure hook failed`),
          );
        }
        log.warn({ queue: type, jobId: id, userId, permanent }, `[${type}] job ${id} failed: ${message}`);
      } else {
        await markRetrying(id, message, nextRetryDelay(bullJob));
      }
      throw err;
    }
  }
}
