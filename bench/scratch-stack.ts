import { randomBytes } from "node:crypto";
import pg from "pg";
import { disconnectDb, parseDatabaseUrl } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import type { QueueName } from "../lib/jobs/job-names";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { closeQueues } from "../lib/queue/queues";
import { startWorker } from "../lib/worker/start-worker";
import { deleteRedisPrefix } from "../tests/helpers/integration";

// What the in-process job benchmarks share (bench/transfers, bench/bulk): a scratch Postgres
// schema with the migrations applied, a Bull prefix of their own on REDIS_URL, a raw pg client
// on the schema (for seeding and plain SQL), and a worker in this process for the given job
// types. close() drops all of it.

export interface ScratchStack {
  id: string;
  raw: pg.Client;
  close(): Promise<void>;
}

export async function openScratchStack(name: string, queues: QueueName[]): Promise<ScratchStack> {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_${name}_${id}`;
  const prefix = `bench-${name}-${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: redisUrl, BULL_PREFIX: prefix, LOG_LEVEL: "warn", SUMMARY_DEBOUNCE_MS: "50" });
  resetEnvCache();
  await applyMigrations(url);
  const { connectionString } = parseDatabaseUrl(url);
  const raw = new pg.Client({ connectionString, options: `-c search_path="${schema}"` });
  await raw.connect();
  const worker = await startWorker({ queues });
  return {
    id,
    raw,
    async close() {
      await worker.stop();
      await raw.end();
      await closeQueues();
      await disconnectDb();
      await deleteRedisPrefix(redisUrl, prefix);
      await dropSchema(base, schema);
    },
  };
}
