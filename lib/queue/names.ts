import type { JobOptions } from "bull";

// Queue names and the options every job gets, in one place.

export const QUEUE = {
  financialSummary: "financial-summary",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUE);

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
