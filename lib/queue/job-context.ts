import type { Job } from "bull";
import { log } from "../log";
import { reportProgress } from "./background-jobs";

export type LogLevel = "debug" | "info" | "warning" | "error";

/** What a processor gets: report progress and log; it never touches Bull or the row itself. */
export interface JobContext {
  jobId: string;
  userId?: string;
  /** 1 on the first attempt. */
  attempt: number;
  progress(percent: number, message?: string): Promise<void>;
  log(level: LogLevel, message: string): Promise<void>;
}

const PINO_LEVEL = { debug: "debug", info: "info", warning: "warn", error: "error" } as const;

export function createJobContext(type: string, bullJob: Job, jobId: string, userId: string | undefined, attempt: number): JobContext {
  const logger = log.child({ queue: type, jobId, userId });
  return {
    jobId,
    userId,
    attempt,
    async progress(percent, message) {
      await reportProgress(jobId, percent, message);
      await bullJob.progress(Math.round(percent));
    },
    async log(level, message) {
      logger[PINO_LEVEL[level]](`[${type}] job ${jobId} ${message}`);
      await bullJob.log(`${new Date().toISOString()} ${level.toUpperCase()} ${message}`);
    },
  };
}
