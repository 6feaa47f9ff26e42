import type { JobOptions } from "bull";

// The options every job of every type gets unless its definition (lib/jobs/<type>.ts) says
// otherwise; defaults are shared/DESIGN.md's. The queue layer knows no job type: names,
// concurrency and lock durations come with each definition.

export const DEFAULT_ATTEMPTS = 3;
const SEVEN_DAYS_S = 7 * 24 * 3600;

export const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: DEFAULT_ATTEMPTS,
  backoff: { type: "exponential", delay: 5000 },
  removeOnComplete: 100,
  removeOnFail: { age: SEVEN_DAYS_S },
};

/** A queue's lock duration when no definition of it was loaded in this process (a web route adding jobs). */
const DEFAULT_LOCK_DURATION_MS = 30_000;

// The lock duration of every job type defined in this process (defineJob records it), for its
// queue wherever that queue is opened first.
const definedLockDurations = new Map<string, number>();

export function recordLockDuration(name: string, ms: number): void {
  definedLockDurations.set(name, ms);
}

export function lockDurationOf(name: string): number {
  return definedLockDurations.get(name) ?? DEFAULT_LOCK_DURATION_MS;
}
