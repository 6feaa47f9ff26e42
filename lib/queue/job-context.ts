import type { Job } from "bull";
import { log } from "../log";
import { appendJobLog, isCancelRequested, saveJobProgress, type ProgressUpdate } from "./background-jobs";

export type LogLevel = "debug" | "info" | "warning" | "error";

/**
 * What a processor gets. It reports progress, counts items, logs and checks for a cancel
 * request; it never touches Bull or the BackgroundJob row itself.
 */
export interface JobContext {
  jobId: string;
  userId?: string;
  /** 1 on the first attempt. */
  attempt: number;
  progress(percent: number, message?: string): Promise<void>;
  log(level: LogLevel, message: string): Promise<void>;
  /** One item done (processedCount). */
  itemDone(count?: number): void;
  /** One item failed without failing the job (errorCount, errorDetails[itemId]). */
  itemFailed(itemId: string, reason: string): void;
  /** Throws JobCancelledError once a cancel was requested; call it between items. */
  throwIfCancelled(): Promise<void>;
}

export class JobCancelledError extends Error {
  constructor() {
    super("Cancelled on request");
    this.name = "JobCancelledError";
  }
}

/** errorDetails keeps this many items; errorCount keeps counting past it. */
export const ERROR_DETAILS_CAP = 200;
// Progress and counters reach the row at most this often (a job of 100,000 items should not
// write 100,000 times); the final state is always written.
const SAVE_INTERVAL_MS = 250;
const CANCEL_CHECK_INTERVAL_MS = 500;

const PINO_LEVEL = { debug: "debug", info: "info", warning: "warn", error: "error" } as const;

export interface JobContextHandle extends JobContext {
  /** Writes the pending progress, message and counters now. */
  flush(): Promise<void>;
  /** The counters as they stand, for the row's final write. */
  counters(): Pick<ProgressUpdate, "processedCount" | "errorCount" | "errorDetails">;
}

export function createJobContext(
  type: string,
  bullJob: Job,
  jobId: string,
  userId: string | undefined,
  attempt: number,
  /** A pause before each progress step (the JOB_FAULT_INJECTION test hook's slow mode). */
  stepDelayMs = 0,
): JobContextHandle {
  // Made on first use: most short jobs never log.
  let logger: typeof log | undefined;
  let percent = 0;
  let message: string | undefined;
  let processed = 0;
  let errors = 0;
  const details: Record<string, string> = {};
  let dirty = false;
  // The claim just wrote the row: a job shorter than one save interval only writes its end.
  let lastSave = Date.now();
  let lastCancelCheck = 0;

  const flush = async () => {
    if (!dirty) return;
    dirty = false;
    lastSave = Date.now();
    await saveJobProgress(jobId, { progress: percent, message, processedCount: processed, errorCount: errors, errorDetails: details });
    await bullJob.progress(percent).catch(() => undefined);
  };
  const maybeFlush = async () => {
    if (Date.now() - lastSave >= SAVE_INTERVAL_MS) await flush();
  };

  return {
    jobId,
    userId,
    attempt,
    async progress(p, m) {
      if (stepDelayMs > 0) await new Promise((r) => setTimeout(r, stepDelayMs));
      percent = Math.max(0, Math.min(100, Math.round(p)));
      if (m !== undefined) message = m;
      dirty = true;
      await maybeFlush();
    },
    async log(level, text) {
      logger ??= log.child({ queue: type, jobId, userId });
      logger[PINO_LEVEL[level]](`[${type}] job ${jobId} ${text}`);
      await appendJobLog(jobId, level, text);
      await bullJob.log(`${level.toUpperCase()} ${text}`).catch(() => undefined);
    },
    itemDone(count = 1) {
      processed += count;
      dirty = true;
    },
    itemFailed(itemId, reason) {
      errors += 1;
      if (Object.keys(details).length < ERROR_DETAILS_CAP) details[itemId] = reason.slice(0, 500);
      dirty = true;
    },
    async throwIfCancelled() {
      if (Date.now() - lastCancelCheck < CANCEL_CHECK_INTERVAL_MS) return;
      lastCancelCheck = Date.now();
      if (await isCancelRequested(jobId)) throw new JobCancelledError();
    },
    flush,
    counters: () => ({ processedCount: processed, errorCount: errors, errorDetails: details }),
  };
}
