import type { Job } from "bull";
import { z } from "zod";
import { PermanentJobError } from "../errors";
import { log } from "../log";
import { claimJob, completeJob, failJob, findJob, markRetrying } from "./background-jobs";
import { dispatchJob } from "./dispatch-job";
import { createJobContext, type JobContext } from "./job-context";
import type { QueueName } from "./names";

export interface ProcessorOutcome {
  result: unknown;
  message: string;
}

export type Processor = (payload: unknown, ctx: JobContext) => Promise<ProcessorOutcome>;

const jobPayloadSchema = z.object({ backgroundJobId: z.string().min(1), userId: z.string().optional() }).passthrough();

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Bull's delay before the next attempt: exponential, (2^attempts - 1) × delay, as Bull computes it. */
function nextRetryDelay(bullJob: Job): number {
  const backoff = bullJob.opts.backoff;
  const base = typeof backoff === "number" ? backoff : (backoff?.delay ?? 0);
  return Math.round((2 ** (bullJob.attemptsMade + 1) - 1) * base);
}

/**
 * The row is pending but not yet due: changes that attached to it pushed its start out.
 * Queue a Bull job for the new start time; its id is derived from that time, so several
 * early arrivals for the same start collapse into one.
 */
async function deferIfNotDue(type: QueueName, id: string): Promise<boolean> {
  const row = await findJob(id);
  if (!row || row.status !== "pending" || row.runAfter.getTime() <= Date.now()) return false;
  await dispatchJob({ id, type, userId: row.userId, runAfter: row.runAfter, bullJobId: `${id}-at-${row.runAfter.getTime()}` });
  return true;
}

/**
 * Wraps a processor for Bull: claims the BackgroundJob row (running), runs the processor,
 * then marks the row completed; on error, back to pending while Bull retries, failed after
 * the last attempt, failed at once for a PermanentJobError (discarded: no more attempts).
 */
export function createBullProcessor(type: QueueName, processor: Processor) {
  return async (bullJob: Job): Promise<unknown> => {
    const parsed = jobPayloadSchema.safeParse(bullJob.data);
    if (!parsed.success) {
      bullJob.discard();
      log.error({ queue: type, bullJobId: bullJob.id }, `[${type}] bull job ${bullJob.id} has no valid payload; discarded`);
      throw new PermanentJobError("invalid job payload");
    }
    const { backgroundJobId: id, userId } = parsed.data;

    const row = await claimJob(id);
    if (!row) {
      if (await deferIfNotDue(type, id)) return { deferred: true };
      log.info({ queue: type, jobId: id }, `[${type}] job ${id} is finished, cancelled or gone; nothing to do`);
      return { skipped: true };
    }

    const ctx = createJobContext(type, bullJob, id, userId, row.attempts);
    const started = Date.now();
    try {
      const outcome = await processor(row.payload, ctx);
      await completeJob(id, outcome.result, outcome.message);
      log.info(
        { queue: type, jobId: id, userId, ms: Date.now() - started },
        `[${type}] job ${id} user ${userId ?? "-"} ${outcome.message} in ${Date.now() - started} ms`,
      );
      return outcome.result;
    } catch (err) {
      const message = errorMessage(err);
      const permanent = err instanceof PermanentJobError;
      const lastAttempt = bullJob.attemptsMade + 1 >= (bullJob.opts.attempts ?? 1);
      await ctx.log("error", `attempt ${row.attempts} failed: ${message}`).catch(() => undefined);
      if (permanent || lastAttempt) {
        if (permanent) bullJob.discard();
        await failJob(id, message);
        log.warn({ queue: type, jobId: id, userId, permanent }, `[${type}] job ${id} failed: ${message}`);
      } else {
        await markRetrying(id, message, nextRetryDelay(bullJob));
      }
      throw err;
    }
  };
}
