import { hostname } from "node:os";
import { appKey, getRedis } from "../redis";

// The worker's pulse in Redis: one key per worker with a TTL (so a dead worker disappears
// from the list), and the last beat of any worker for the health and cron answers.

export interface Heartbeat {
  workerId: string;
  host: string;
  pid: number;
  queues: string[];
  at: string;
}

export function workerId(): string {
  return `${hostname()}:${process.pid}`;
}

export async function beat(queues: string[], intervalMs: number): Promise<void> {
  const hb: Heartbeat = { workerId: workerId(), host: hostname(), pid: process.pid, queues, at: new Date().toISOString() };
  const ttlSeconds = Math.max(5, Math.ceil((intervalMs * 3) / 1000));
  await getRedis()
    .multi()
    .set(appKey("worker", hb.workerId), JSON.stringify(hb), "EX", ttlSeconds)
    .set(appKey("worker-last-heartbeat"), hb.at)
    .exec();
}

export async function lastHeartbeat(): Promise<string | null> {
  return getRedis().get(appKey("worker-last-heartbeat"));
}
