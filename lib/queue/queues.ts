import Queue from "bull";
import type Redis from "ioredis";
import { env } from "../env";
import { closeRedis, createBullRedisClient, getRedis, getRedisSubscriber } from "../redis";
import { bullQueueSettings, DEFAULT_JOB_OPTIONS, lockDurationOf } from "./job-options";
import { bullQueueOf, jobTypesOf } from "./queue-routes";

// One Bull Queue per name per process, never per request. Kept on globalThis so that
// Next's dev hot reload does not open new Redis connections on every edit.
// Job types share a few Bull queues (queue-routes.ts): getQueue(type) is the queue that
// carries the type. Every queue of the process shares one command connection (also ours,
// getRedis) and one subscriber (lib/redis.ts); only the blocking fetch needs a connection of
// its own, and only in a process that serves the queue. A web instance that adds jobs opens
// one connection, a worker serving all five queues seven, however many job types there are.
// Bull does not close clients it gets from createClient: closeQueues does, after every queue
// has finished its running jobs.

interface QueueRegistry {
  queues: Map<string, { queue: Queue.Queue; blocking: Redis[] }>;
}

const globalForQueues = globalThis as unknown as { tallyboardQueues?: QueueRegistry };

function registry(): QueueRegistry {
  globalForQueues.tallyboardQueues ??= { queues: new Map() };
  return globalForQueues.tallyboardQueues;
}

/** A job type's lock duration in this process: the definition's (or the default), times WORKER_LOCK_DURATION_FACTOR. */
export function scaledLockDurationOf(type: string): number {
  return Math.round(lockDurationOf(type) * env().WORKER_LOCK_DURATION_FACTOR);
}

/**
 * The lock a Bull queue's fetch takes: the shortest of its types'. The processor wrapper then
 * holds each job's lock at its own type's duration (run-job.ts), so every type keeps its lock
 * and its recovery time in a shared queue.
 */
function initialLockDurationOf(queueName: string): number {
  const types = jobTypesOf(queueName);
  return types.length ? Math.min(...types.map(scaledLockDurationOf)) : scaledLockDurationOf(queueName);
}

/** The Bull queue that carries a job type (or the Bull queue of that name). */
export function getQueue(typeOrQueue: string): Queue.Queue {
  const name = bullQueueOf(typeOrQueue);
  const reg = registry();
  const existing = reg.queues.get(name);
  if (existing) return existing.queue;

  const { REDIS_URL, BULL_PREFIX, JOB_BACKOFF_MS } = env();
  const blocking: Redis[] = [];
  const options: Queue.QueueOptions & { skipVersionCheck: boolean } = {
    prefix: BULL_PREFIX,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: "exponential", delay: JOB_BACKOFF_MS } },
    settings: bullQueueSettings(initialLockDurationOf(name)),
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
