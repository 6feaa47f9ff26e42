import Queue from "bull";
import type Redis from "ioredis";
import { env } from "../env";
import { closeRedis, createBullRedisClient, getRedis, getRedisSubscriber } from "../redis";
import { bullQueueSettings, DEFAULT_JOB_OPTIONS, lockDurationOf } from "./job-options";

// One Bull Queue per name per process, never per request. Kept on globalThis so that
// Next's dev hot reload does not open new Redis connections on every edit.
// Every queue of the process shares one command connection (also ours, getRedis) and one
// subscriber (lib/redis.ts); only the blocking fetch needs a connection of its own, and only
// in a process that serves the queue. A web instance that adds jobs opens one connection, a
// worker serving all nine queues eleven. Bull does not close clients it gets from
// createClient: closeQueues does, after every queue has finished its running jobs.

interface QueueRegistry {
  queues: Map<string, { queue: Queue.Queue; blocking: Redis[] }>;
}

const globalForQueues = globalThis as unknown as { tallyboardQueues?: QueueRegistry };

function registry(): QueueRegistry {
  globalForQueues.tallyboardQueues ??= { queues: new Map() };
  return globalForQueues.tallyboardQueues;
}

/** The queue's lock duration in this process: the definition's (or the default), times WORKER_LOCK_DURATION_FACTOR. */
export function scaledLockDurationOf(name: string): number {
  return Math.round(lockDurationOf(name) * env().WORKER_LOCK_DURATION_FACTOR);
}

/** The queue of a job type; its lock duration is the definition's when one was loaded in this process. */
export function getQueue(name: string): Queue.Queue {
  const reg = registry();
  const existing = reg.queues.get(name);
  if (existing) return existing.queue;

  const { REDIS_URL, BULL_PREFIX, JOB_BACKOFF_MS } = env();
  const blocking: Redis[] = [];
  const options: Queue.QueueOptions & { skipVersionCheck: boolean } = {
    prefix: BULL_PREFIX,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "exponential", delay: JOB_BACKOFF_MS } },
    settings: bullQueueSettings(scaledLockDurationOf(name)),
    // Bull sends INFO on every new queue to check the server version (one more command per
    // queue per process start, on serverless web instances too); Upstash is Redis 6+.
    skipVersionCheck: true,
    createClient: (type) => {
      if (type === "client") return getRedis();
      if (type === "subscriber") return getRedisSubscriber();
      const client = createBullRedisClient(REDIS_URL, type);
      blocking.push(client);
      return client;
    },
  };
  const queue = new Queue(name, options);
  // Without a listener an 'error' event (Redis unreachable) would crash the process; the
  // callers see the failure on the command that needed Redis.
  queue.on("error", () => undefined);
  reg.queues.set(name, { queue, blocking });
  return queue;
}

/** Closes every queue of the process; waits for jobs this process is running to finish. */
export async function closeQueues(): Promise<void> {
  const reg = registry();
  const entries = [...reg.queues.values()];
  reg.queues.clear();
  await Promise.all(
    entries.map(async ({ queue, blocking }) => {
      await queue.close();
      blocking.forEach((client) => client.disconnect());
    }),
  );
  // The shared connections last: every queue above used them until it closed.
  closeRedis();
}
