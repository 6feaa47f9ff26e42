import Queue from "bull";
import type Redis from "ioredis";
import { env } from "../env";
import { createBullRedisClient, createRedisClient } from "../redis";
import { DEFAULT_JOB_OPTIONS, QUEUE_SETTINGS, type QueueName } from "./names";

// One Bull Queue per name per process, never per request. Kept on globalThis so that
// Next's dev hot reload does not open new Redis connections on every edit.
// Connections are not shared between queues, so closing one queue never cuts another's.
// Bull does not close the clients it gets from createClient: the registry keeps them and
// closes them after their queue has finished its running jobs.

interface QueueRegistry {
  queues: Map<QueueName, { queue: Queue.Queue; clients: Redis[] }>;
  redis?: Redis;
}

const globalForQueues = globalThis as unknown as { tallyboardQueues?: QueueRegistry };

function registry(): QueueRegistry {
  globalForQueues.tallyboardQueues ??= { queues: new Map() };
  return globalForQueues.tallyboardQueues;
}

export function getQueue(name: QueueName): Queue.Queue {
  const reg = registry();
  const existing = reg.queues.get(name);
  if (existing) return existing.queue;

  const { REDIS_URL, BULL_PREFIX, WORKER_LOCK_DURATION_FACTOR, JOB_BACKOFF_MS } = env();
  const lockDuration = Math.round(QUEUE_SETTINGS[name].lockDurationMs * WORKER_LOCK_DURATION_FACTOR);
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

/** The process's Redis connection for our own keys (heartbeats, health). */
export function getRedis(): Redis {
  const reg = registry();
  if (!reg.redis) {
    reg.redis = createRedisClient(env().REDIS_URL);
    reg.redis.on("error", () => undefined);
  }
  return reg.redis;
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
  reg.redis?.disconnect();
  reg.redis = undefined;
}

/** Redis keys of our own, under the Bull prefix so a hash-tagged prefix keeps one slot. */
export function appKey(...parts: string[]): string {
  return [env().BULL_PREFIX, "tallyboard", ...parts].join(":");
}
