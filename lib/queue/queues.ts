import Queue from "bull";
import type Redis from "ioredis";
import { env } from "../env";
import { createBullRedisClient } from "../redis";
import { bullQueueSettings, DEFAULT_JOB_OPTIONS, QUEUE_SETTINGS, type QueueName } from "./names";

// One Bull Queue per name per process, never per request. Kept on globalThis so that
// Next's dev hot reload does not open new Redis connections on every edit.
// Every queue of the process shares one command connection (also ours, getRedis) and one
// subscriber; only the blocking fetch needs a connection of its own, and only in a process
// that serves the queue. A web instance that adds jobs opens one connection, a worker
// serving all nine queues eleven. Bull does not close clients it gets from createClient:
// closeQueues does, after every queue has finished its running jobs.

interface QueueRegistry {
  queues: Map<QueueName, { queue: Queue.Queue; blocking: Redis[] }>;
  shared: Partial<Record<"client" | "subscriber", Redis>>;
}

const globalForQueues = globalThis as unknown as { tallyboardQueues?: QueueRegistry };

function registry(): QueueRegistry {
  globalForQueues.tallyboardQueues ??= { queues: new Map(), shared: {} };
  return globalForQueues.tallyboardQueues;
}

function sharedClient(type: "client" | "subscriber"): Redis {
  const reg = registry();
  let client = reg.shared[type];
  if (!client) {
    client = createBullRedisClient(env().REDIS_URL, type);
    // Each queue adds its own listeners to a shared connection.
    client.setMaxListeners(0);
    // Without a listener an 'error' event (Redis unreachable) would crash the process; the
    // callers see the failure on the command that needed Redis.
    client.on("error", () => undefined);
    reg.shared[type] = client;
  }
  return client;
}

/** The queue's lock duration: its own, times WORKER_LOCK_DURATION_FACTOR. */
export function lockDurationOf(name: QueueName): number {
  return Math.round(QUEUE_SETTINGS[name].lockDurationMs * env().WORKER_LOCK_DURATION_FACTOR);
}

export function getQueue(name: QueueName): Queue.Queue {
  const reg = registry();
  const existing = reg.queues.get(name);
  if (existing) return existing.queue;

  const { REDIS_URL, BULL_PREFIX, JOB_BACKOFF_MS } = env();
  const blocking: Redis[] = [];
  const options: Queue.QueueOptions & { skipVersionCheck: boolean } = {
    prefix: BULL_PREFIX,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "exponential", delay: JOB_BACKOFF_MS } },
    settings: bullQueueSettings(lockDurationOf(name)),
    // Bull sends INFO on every new queue to check the server version (one more command per
    // queue per process start, on serverless web instances too); Upstash is Redis 6+.
    skipVersionCheck: true,
    createClient: (type) => {
      if (type !== "bclient") return sharedClient(type);
      const client = createBullRedisClient(REDIS_URL, type);
      blocking.push(client);
      return client;
    },
  };
  const queue = new Queue(name, options);
  queue.on("error", () => undefined);
  reg.queues.set(name, { queue, blocking });
  return queue;
}

/** The process's Redis connection for our own keys (heartbeats, health): the queues' one. */
export function getRedis(): Redis {
  return sharedClient("client");
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
  const shared = Object.values(reg.shared);
  reg.shared = {};
  shared.forEach((client) => client.disconnect());
}

/** Redis keys of our own, under the Bull prefix so a hash-tagged prefix keeps one slot. */
export function appKey(...parts: string[]): string {
  return [env().BULL_PREFIX, "tallyboard", ...parts].join(":");
}
