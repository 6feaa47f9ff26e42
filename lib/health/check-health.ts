import { db } from "../db";
import { lastHeartbeat } from "../queue/heartbeat";
import { QUEUE } from "../jobs/job-names";
import { getQueue } from "../queue/queues";
import { getRedis } from "../redis";

export interface HealthReport {
  ok: boolean;
  database: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string };
  queue: { name: string; waiting: number; active: number; delayed: number; failed: number } | null;
  worker: { lastHeartbeat: string | null; secondsAgo: number | null };
}

const CHECK_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function check(fn: () => Promise<unknown>, what: string): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(fn(), what);
    return { ok: true };
  } catch (err) {
    // Only the kind of failure: connection strings and hosts stay out of the answer.
    return { ok: false, error: `${what} unreachable: ${(err as Error).message.split("\n")[0].slice(0, 120)}` };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const [database, redis] = await Promise.all([
    check(() => db().$queryRaw`SELECT 1`, "database"),
    check(() => getRedis().ping(), "redis"),
  ]);
  let queue: HealthReport["queue"] = null;
  let heartbeat: string | null = null;
  if (redis.ok) {
    const counts = await withTimeout(getQueue(QUEUE.financialSummary).getJobCounts(), "redis").catch(() => null);
    if (counts) queue = { name: QUEUE.financialSummary, ...counts };
    heartbeat = await withTimeout(lastHeartbeat(), "redis").catch(() => null);
  }
  return {
    ok: database.ok && redis.ok,
    database,
    redis,
    queue,
    worker: {
      lastHeartbeat: heartbeat,
      secondsAgo: heartbeat ? Math.round((Date.now() - Date.parse(heartbeat)) / 1000) : null,
    },
  };
}
