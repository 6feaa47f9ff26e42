// A job type's concurrency inside a Bull queue it shares with other types. Bull runs a queue's
// jobs in `concurrency` fetch loops, and every loop takes whatever job comes next, whatever its
// name (a named processor's concurrency only adds loops: lib/queue.js `run`). So the worker
// runs as many loops as its types' limits add up to, and a job whose type is at its limit
// waits here for a slot, its lock held, in arrival order. A backlog of one type can thus
// delay another type of the same queue by a few jobs' time; the queues group types whose
// work is alike (lib/jobs/job-names.ts) so that heavy work never waits behind quick work.

export interface TypeSlots {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Jobs running now (tests, logs). */
  running(): number;
  /** Jobs waiting for a slot. */
  waiting(): number;
}

export function createTypeSlots(limit: number): TypeSlots {
  let running = 0;
  const waiters: (() => void)[] = [];
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else running--;
  };
  return {
    async run(work) {
      if (running < limit) running++;
      // The slot is handed over by release() without being given back in between.
      else await new Promise<void>((resolve) => waiters.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    running: () => running,
    waiting: () => waiters.length,
  };
}
