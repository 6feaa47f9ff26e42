import type { JobCounts } from "bull";
import { db } from "../db";
import type { Heartbeat } from "./heartbeat";
import { appKey, getRedis } from "../redis";
import { getQueue } from "./queues";

// The admin's view of the job system: per queue, Bull's counts and the last hour's
// throughput and average duration (from the BackgroundJob rows), and each live worker.

export interface QueueOverview {
  name: string;
  hasProcessor: boolean;
  counts: JobCounts | null;
  lastHour: { completed: number; failed: number; perMinute: number; avgDurationMs: number | null };
}

/** `queueNames`: every job type (the caller's list; this layer knows none). */
export async function queueOverview(queueNames: readonly string[]): Promise<{ queues: QueueOverview[]; workers: Heartbeat[] }> {
  const since = new Date(Date.now() - 3600_000);
  const stats = await db().$queryRaw<{ type: string; status: string; n: number; avg_ms: number | null }[]>`
    SELECT type, status::text AS status, COUNT(*)::int AS n,
           AVG(EXTRACT(EPOCH FROM ("finishedAt" - "startedAt")) * 1000)::float8 AS avg_ms
      FROM "BackgroundJob"
     WHERE "finishedAt" >= ${since} AND status IN ('completed', 'failed')
     GROUP BY type, status`;

  const workers: Heartbeat[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await getRedis().scan(cursor, "MATCH", appKey("worker", "*"), "COUNT", 200);
    cursor = next;
    if (keys.length) {
      for (const value of await getRedis().mget(...keys)) if (value) workers.push(JSON.parse(value) as Heartbeat);
    }
  } while (cursor !== "0");
  workers.sort((a, b) => a.workerId.localeCompare(b.workerId));
  const queues = await Promise.all(
    queueNames.map(async (name) => {
      const completed = stats.find((s) => s.type === name && s.status === "completed");
      const failed = stats.find((s) => s.type === name && s.status === "failed");
      return {
        name,
        // Every type has a processor in the code; what can be missing is a live worker serving it.
        hasProcessor: workers.some((w) => w.queues.includes(name)),
        counts: await getQueue(name).getJobCounts().catch(() => null),
        lastHour: {
          completed: completed?.n ?? 0,
          failed: failed?.n ?? 0,
          perMinute: Math.round((((completed?.n ?? 0) + (failed?.n ?? 0)) / 60) * 10) / 10,
          avgDurationMs: completed?.avg_ms != null ? Math.round(completed.avg_ms) : null,
        },
      };
    }),
  );

  return { queues, workers };
}
