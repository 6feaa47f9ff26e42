import type Queue from "bull";
import { log } from "../log";
import { findTypesWithLiveJobs } from "./background-jobs";
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

/** Runs Bull's stalled check in those of `queues` that Postgres says have work. */
export async function checkStalledJobs(queues: readonly string[]): Promise<string[]> {
  const busy = (await findTypesWithLiveJobs()).filter((type) => queues.includes(type));
  await Promise.all(busy.map((type) => (getQueue(type) as unknown as BullStalledCheck).moveUnlockedJobsToWait()));
  return busy;
}

/** Checks on a timer (the shortest stalled interval of the queues); returns the stopper. */
export function startStalledChecks(queues: readonly string[], intervalMs: number): () => void {
  const timer = setInterval(() => {
    checkStalledJobs(queues).catch((err) => log.warn({ err: (err as Error).message }, "[worker] stalled check failed"));
  }, intervalMs);
  return () => clearInterval(timer);
}
