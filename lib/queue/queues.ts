import Queue from "bull";
import type Redis from "ioredis";
import { env } from "../env";
import { closeRedis, createBullRedisClient } from "../redis";
import { DEFAULT_JOB_OPTIONS, lockDurationOf } from "./job-options";

// One Bull Queue per name per process, never per request. Kept on globalThis so that
// Next's dev hot reload does not open new Redis connections on every edit.
// Connections are not shared between queues, so closing one queue never cuts another's.
// Bull does not close the clients it gets from createClient: the registry keeps them and
// closes them after their queue has finished its running jobs.

interface QueueRegistry {
  queues: Map<string, { queue: Queue.Queue; clients: Redis[] }>;
}

const globalForQueues = globalThis as unknown as { tallyboardQueues?: QueueRegistry };

function registry(): QueueRegistry {
  globalForQueues.tallyboardQueues ??= { queues: new Map() };
  return globalForQueues.tallyboardQueues;
}

/** The queue of a job type; its lock duration is the definition's when one was loaded in this process. */
export function getQueue(name: string): Queue.Queue {
  const reg = registry();
  const existing = reg.queues.get(name);
  if (existing) return existing.queue;

  const { REDIS_URL, BULL_PREFIX, WORKER_LOCK_DURATION_FACTOR, JOB_BACKOFF_MS } = env();
  const lockDuration = Math.round(lockDurationOf(name) * WORKER_LOCK_DURATION_FACTOR);
  const clients: Redis[] = [];
  const queue = new Queue(name, {
    prefix: BULL_PREFIX,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "exponential", delay: JOB_BACKOFF_MS } },
    // A job whose worker died is seen as stalled after lockDuration and run again once;
    // stalled a second time, it fails (and the sweep settles its row).
    settings: { lockDuration, stalledInterval: lockDuration, maxStalledCount: 1 },
    createClient: (type) => {
      const client = createBullRedisClient(REDIS_URL, type);
      clients.push(client);
      return client;
    },
  });
  // Without a listener an 'error' event (Redis unreachable) would crash the process; the
  // callers see the failure on the command that needed Redis.
  queue.on("error", () => undefined);
  reg.queues.set(name, { queue, clients });
  return queue;
}

/** Closes every queue of the process; waits for jobs this process is running to finish. */
export async function closeQueues(): Promise<void> {
  const reg = registry();
  const entries = [...reg.queues.values()];
  reg.queues.clear();
  await Promise.all(
    entries.map(async ({ queue, clients }) => {
      await queue.close();
      clients.forEach((client) => client.disconnect());
    }),
  );
  closeRedis();
}
