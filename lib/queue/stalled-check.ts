import type Queue from "bull";
import { log } from "../log";
import { findTypesWithLiveJobs } from "./background-jobs";
import { bullQueueOf } from "./queue-routes";
import { getQueue } from "./queues";

// Bull looks for stalled jobs (active, but their worker's lock has expired) on a timer in
// every queue, about five Redis commands a check even when nothing runs. A job can only
// stall while it is active, and an active job has a BackgroundJob row that is running (a
// scheduled run makes its row when it starts) or, for a moment, still pending and due. So
// the worker asks Postgres, which costs no Redis command, and runs Bull's check only in the
// queues that have such rows. Bull still checks every queue once when a worker starts.

interface BullStalledCheck {
  startMoveUnlockedJobsToWait(): void;
  moveUnlockedJobsToWait(): Promise<unknown>;
}

/** Stops Bull's own stalled-check timer for a queue; call before queue.process(). */
export function takeOverStalledCheck(queue: Queue.Queue): void {
  (queue as unknown as BullStalledCheck).startMoveUnlockedJobsToWait = () => undefined;
}

/** Runs Bull's stalled check in the Bull queues of those of `types` that Postgres says have work; returns those queues. */
export async function checkStalledJobs(types: readonly string[]): Promise<string[]> {
  const busy = [...new Set((await findTypesWithLiveJobs()).filter((type) => types.includes(type)).map(bullQueueOf))];
  await Promise.all(busy.map((queue) => (getQueue(queue) as unknown as BullStalledCheck).moveUnlockedJobsToWait()));
  return busy;
}

/** Checks on a timer (the shortest stalled interval of the types); returns the stopper. */
export function startStalledChecks(types: readonly string[], intervalMs: number): () => void {
  const timer = setInterval(() => {
    checkStalledJobs(types).catch((err) => log.warn({ err: (err as Error).message }, "[worker] stalled check failed"));
  }, intervalMs);
  return () => clearInterval(timer);
}
