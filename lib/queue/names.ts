import type { AdvancedSettings, JobOptions } from "bull";

// Queue names, their settings and the options every job gets, in one place. Tunables come
// from lib/env.ts (WORKER_CONCURRENCY_<NAME>); defaults are shared/DESIGN.md's.

export const QUEUE = {
  financialSummary: "financial-summary",
  csvImport: "csv-import",
  categorize: "categorize",
  budgetProcessing: "budget-processing",
  budgetEvaluation: "budget-evaluation",
  insightGeneration: "insight-generation",
  forecastCompute: "forecast-compute",
  notification: "notification",
  dataCleanup: "data-cleanup",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUE);

export interface QueueSettings {
  concurrency: number;
  /**
   * How long a worker's lock on a job lasts without renewal (Bull renews it at half this
   * while the event loop runs). A job whose worker died is taken up again after this long,
   * so it is as short as the queue's longest blocking step allows.
   */
  lockDurationMs: number;
}

export const QUEUE_SETTINGS: Record<QueueName, QueueSettings> = {
  "financial-summary": { concurrency: 5, lockDurationMs: 30_000 },
  // Batches of a few thousand rows: parse and insert steps stay well under a second.
  "csv-import": { concurrency: 3, lockDurationMs: 60_000 },
  // An LLM request can take tens of seconds.
  categorize: { concurrency: 2, lockDurationMs: 120_000 },
  "budget-processing": { concurrency: 3, lockDurationMs: 60_000 },
  "budget-evaluation": { concurrency: 5, lockDurationMs: 60_000 },
  "insight-generation": { concurrency: 3, lockDurationMs: 60_000 },
  // Model fitting is CPU-bound and may hold the event loop for a while.
  "forecast-compute": { concurrency: 1, lockDurationMs: 180_000 },
  notification: { concurrency: 5, lockDurationMs: 30_000 },
  "data-cleanup": { concurrency: 1, lockDurationMs: 120_000 },
};

/**
 * Bull's timers for one queue, set for a Redis that bills per command (Upstash). Bull's
 * defaults poll every queue every few seconds (about 36,500 commands an idle hour for nine
 * queues); these cost a few hundred. Pickup does not depend on them: the blocking fetch
 * returns on the push, and a delayed job is promoted by a timer set from the 'delayed'
 * message Bull publishes when the job is added. bench/redis-idle.ts measures both.
 */
export function bullQueueSettings(lockDuration: number): AdvancedSettings {
  return {
    lockDuration,
    // A job whose worker died is seen as stalled after lockDuration and run again once;
    // stalled a second time, it fails (and the sweep settles its row). The check itself
    // runs only while Postgres has work of the queue's type (lib/queue/stalled-check.ts):
    // a killed worker's job runs again within lockDuration + 60 s.
    stalledInterval: Math.min(lockDuration, 60_000),
    maxStalledCount: 1,
    // Blocking-fetch timeout in seconds: one BRPOPLPUSH per queue per 5 minutes when idle,
    // and under the 350 s idle cut of common TCP load balancers in front of a managed Redis.
    drainDelay: 300,
    // The delayed-set poll only catches a 'delayed' message lost while the subscriber was
    // reconnecting: such a job (or a schedule) starts at most this late.
    guardInterval: 15 * 60_000,
  };
}

/** "csv-import" → "WORKER_CONCURRENCY_CSV_IMPORT" */
export const concurrencyEnvName = (name: QueueName) => `WORKER_CONCURRENCY_${name.toUpperCase().replace(/-/g, "_")}`;

export const DEFAULT_ATTEMPTS = 3;
const SEVEN_DAYS_S = 7 * 24 * 3600;

export const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: DEFAULT_ATTEMPTS,
  backoff: { type: "exponential", delay: 5000 },
  removeOnComplete: 100,
  removeOnFail: { age: SEVEN_DAYS_S },
};

export function isQueueName(value: string): value is QueueName {
  return (ALL_QUEUES as readonly string[]).includes(value);
}

/** Coalescing key of a user's pending summary run (BackgroundJob.coalesceKey). */
export const summaryCoalesceKey = (userId: string) => `${QUEUE.financialSummary}:${userId}`;
