import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { freePort, TestRedisServer } from "../tests/helpers/redis-server";

// What the worker benchmarks share: the compiled worker (unless --no-build), a scratch
// Postgres schema with the migrations applied (the worker's sweeps need the tables) and a
// throwaway redis-server, so that every command and connection on it is the bench's.

export const BENCH_ROOT = path.resolve(__dirname, "..");
export const WORKER_JS = path.join(BENCH_ROOT, "dist/scripts/processFinancialSummaryQueue.js");

export interface BenchStack {
  databaseUrl: string;
  redis: TestRedisServer;
  prefix: string;
  stop(): Promise<void>;
}

export async function startBenchStack(name: string): Promise<BenchStack> {
  if (!process.argv.includes("--no-build")) {
    const build = spawnSync("npm", ["run", "-s", "build:worker"], { cwd: BENCH_ROOT, stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build:worker failed");
  }
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_${name}_${id}`;
  const databaseUrl = withSchemaParam(base, schema);
  await applyMigrations(databaseUrl);
  const redis = new TestRedisServer(await freePort());
  await redis.start();
  return {
    databaseUrl,
    redis,
    prefix: `bench-${name}-${id}`,
    async stop() {
      await redis.stop();
      await dropSchema(base, schema);
    },
  };
}
