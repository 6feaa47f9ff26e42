import type { AdvancedSettings, JobOptions } from "bull";

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

const MAX_TIMER_MS = 2 ** 31 - 1;

/** How often a job's stalled check must run for a lock of this duration (its worker died: rerun within lock + this). */
export function stalledIntervalFor(lockDuration: number): number {
  return Math.min(lockDuration, 60_000);
}

/**
 * Bull's timers for one queue, set for a Redis that bills per command (Upstash). Bull's
 * defaults poll every queue every few seconds (about 36,500 commands an idle hour for nine
 * queues); these cost a few hundred. Pickup does not depend on them: the blocking fetch
 * returns on the push, and a delayed job is promoted by a timer set from the 'delayed'
 * message Bull publishes when the job is added. bench/redis-idle.ts measures both.
 */
export function bullQueueSettings(lockDuration: number): AdvancedSettings {
  return {
    // The lock the fetch takes; the processor wrapper then holds each job's lock at its own
    // type's duration (run-job.ts holdJobLock), so Bull's own renewal, which would set every
    // type of a shared queue to one duration, never fires (setTimeout's longest delay).
    lockDuration,
    lockRenewTime: MAX_TIMER_MS,
    // A job whose worker died is seen as stalled after lockDuration and run again once;
    // stalled a second time, it fails (and the sweep settles its row). The check itself
    // runs only while Postgres has work of the queue's type (lib/queue/stalled-check.ts):
    // a killed worker's job runs again within lockDuration + 60 s.
    stalledInterval: stalledIntervalFor(lockDuration),
    maxStalledCount: 1,
    // Blocking-fetch timeout in seconds: one BRPOPLPUSH per queue per 5 minutes when idle,
    // and under the 350 s idle cut of common TCP load balancers in front of a managed Redis.
    drainDelay: 300,
    // The delayed-set poll only catches a 'delayed' message lost while the subscriber was
    // reconnecting: such a job (or a schedule) starts at most this late.
    guardInterval: 15 * 60_000,
  };
}
