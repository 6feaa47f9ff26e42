import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { disconnectDb, db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { closeQueues } from "../../lib/queue/queues";
import { settleCompletionWrites } from "../../lib/queue/run-job";
import { createTestDatabase } from "./test-database";

// Per test file: its own Postgres schema and its own Bull key prefix on the machine's real
// Postgres and Redis, so files run in parallel and leave nothing behind.

export const BASE_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface IntegrationEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  teardown(): Promise<void>;
}

export async function setupIntegration(name: string, overrides: Record<string, string> = {}): Promise<IntegrationEnv> {
  const database = await createTestDatabase(name);
  const prefix = `test-${name}-${randomBytes(4).toString("hex")}`;
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: BASE_REDIS_URL,
    BULL_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
    SUMMARY_DEBOUNCE_MS: "50",
    SUMMARY_MAX_WAIT_MS: "5000",
    ...overrides,
  });
  resetEnvCache();
  return {
    databaseUrl: database.url,
    redisUrl: process.env.REDIS_URL!,
    prefix,
    async teardown() {
      await closeQueues();
      await settleCompletionWrites();
      await disconnectDb();
      await deleteRedisPrefix(BASE_REDIS_URL, prefix);
      await database.drop();
    },
  };
}

export async function deleteRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function waitForJob(id: string, statuses: string[] = ["completed"], timeoutMs?: number) {
  return waitFor(
    `job ${id} to be ${statuses.join("|")}`,
    async () => {
      const job = await db().backgroundJob.findUnique({ where: { id } });
      if (job && (job.status === "failed" || job.status === "cancelled") && !statuses.includes(job.status)) {
        throw new Error(`job ${id} ended ${job.status}: ${job.error}`);
      }
      return job && statuses.includes(job.status) ? job : null;
    },
    timeoutMs,
  );
}

let userSeq = 0;
export async function createUser(name = "user") {
  userSeq += 1;
  return db().user.create({
    data: { email: `${name}-${userSeq}-${randomBytes(3).toString("hex")}@example.test`, name, passwordHash: "x" },
  });
}
