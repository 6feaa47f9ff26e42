import type { JobCounts } from "bull";
import { db } from "../db";
import type { Heartbeat } from "./heartbeat";
import { appKey, getRedis } from "../redis";
import { bullQueueOf } from "./queue-routes";

// The admin's view of the job system: per job type, its jobs by state and the last hour's
// throughput and average duration (both from the BackgroundJob rows: job types share Bull
// queues, whose counts cannot be told apart by type, and Postgres answers without a Redis
// command), the Bull queue that carries it, and each live worker.

export interface QueueOverview {
  name: string;
  /** The Bull queue that carries this job type. */
  queue: string;
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
  const live = await db().$queryRaw<{ type: string; waiting: number; delayed: number; active: number; failed: number; completed: number }[]>`
    SELECT type,
           (COUNT(*) FILTER (WHERE status = 'pending' AND "runAfter" <= now()))::int AS waiting,
           (COUNT(*) FILTER (WHERE status = 'pending' AND "runAfter" > now()))::int AS delayed,
           (COUNT(*) FILTER (WHERE status = 'running'))::int AS active,
           (COUNT(*) FILTER (WHERE status = 'failed'))::int AS failed,
           (COUNT(*) FILTER (WHERE status = 'completed'))::int AS completed
      FROM "BackgroundJob"
     GROUP BY type`;

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
  const queues = queueNames.map((name) => {
    const completed = stats.find((s) => s.type === name && s.status === "completed");
    const failed = stats.find((s) => s.type === name && s.status === "failed");
    const counts = live.find((row) => row.type === name);
    return {
      name,
      queue: bullQueueOf(name),
      // Every type has a processor in the code; what can be missing is a live worker serving it.
      hasProcessor: workers.some((w) => w.queues.includes(name)),
      counts: {
        waiting: counts?.waiting ?? 0,
        active: counts?.active ?? 0,
        delayed: counts?.delayed ?? 0,
        failed: counts?.failed ?? 0,
        completed: counts?.completed ?? 0,
      },
      lastHour: {
        completed: completed?.n ?? 0,
        failed: failed?.n ?? 0,
        perMinute: Math.round((((completed?.n ?? 0) + (failed?.n ?? 0)) / 60) * 10) / 10,
        avgDurationMs: completed?.avg_ms != null ? Math.round(completed.avg_ms) : null,
      },
    };
  });

  return { queues, workers };
}
