import type { JobOptions } from "bull";

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
  receiptOcr: "receipt-ocr",
  webhookDelivery: "webhook-delivery",
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
  // OCR is CPU-bound (3–15 s an image) and runs in tesseract's worker threads.
  "receipt-ocr": { concurrency: 2, lockDurationMs: 120_000 },
  // One HTTP request, WEBHOOK_TIMEOUT_MS at most.
  "webhook-delivery": { concurrency: 5, lockDurationMs: 60_000 },
};

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
