// The stack Playwright tests run against (started by playwright.config.ts as its webServer):
// a fresh, migrated Postgres schema and Bull prefix, the demo seed, the compiled worker
// (dist/, as in production) and `next start`. Everything it made is removed when it stops.
//
// Needs DATABASE_URL (a base URL; the schema is added here) and REDIS_URL.
// E2E_SKIP_BUILD=1 reuses an existing .next and dist/ build.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { deleteRedisPrefix } from "../tests/helpers/integration";

const ROOT = path.resolve(__dirname, "..");
const PORT = process.env.E2E_PORT ?? "3100";

function runOrExit(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`[e2e] ${command} ${args.join(" ")} failed`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const baseDatabaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (!baseDatabaseUrl) throw new Error("DATABASE_URL is required (a Postgres URL; a fresh schema is created in it)");

  // playwright.config.ts sets E2E_RUN_ID so the tests know the prefix (tests/e2e/helpers.ts).
  const id = process.env.E2E_RUN_ID ?? randomBytes(4).toString("hex");
  const schema = `e2e_${id}`;
  const prefix = `e2e-${id}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: withSchemaParam(baseDatabaseUrl, schema),
    REDIS_URL: redisUrl,
    BULL_PREFIX: prefix,
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    CRON_SECRET: randomBytes(16).toString("hex"),
    // Production refuses to store webhook secrets without it (lib/crypto/secret-box.ts).
    SECRETS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    // Long enough that a person (and the browser test) sees the "updating" state first.
    SUMMARY_DEBOUNCE_MS: "2500",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Low enough for a browser test to reach; each test signs up its own users.
    RATE_LIMIT_PER_MINUTE: "20",
    // next start fills X-Forwarded-For with the socket's address when a request has none, so
    // the browser's 127.0.0.1 counts as a proxy-vouched address and sign-in limits can refuse.
    TRUSTED_PROXY_HOPS: "1",
    // Every test registers its own users from the one address.
    REGISTER_LIMIT_PER_HOUR: "1000",
    // tests/e2e make a job fail through lib/queue/fault-injection.ts, with quick retries.
    JOB_FAULT_INJECTION: "1",
    JOB_BACKOFF_MS: "300",
    // The webhook test's endpoint is on loopback, which only an operator's allowance permits.
    WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8",
    // Low, so the bulk actions test reaches the job (and its progress) with a handful of rows.
    BULK_INLINE_LIMIT: "3",
  };

  if (process.env.E2E_SKIP_BUILD !== "1") {
    runOrExit("npx", ["next", "build"], { ...env, NODE_ENV: "production" });
    runOrExit("npm", ["run", "build:worker"], env);
  }
  await applyMigrations(env.DATABASE_URL!);
  runOrExit(process.execPath, ["--import", "tsx", "scripts/seed.ts"], env);

  const children: ChildProcess[] = [
    spawn(process.execPath, ["dist/scripts/processFinancialSummaryQueue.js"], { cwd: ROOT, env, stdio: "inherit" }),
    spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", PORT, "-H", "127.0.0.1"], {
      cwd: ROOT,
      env,
      stdio: "inherit",
    }),
  ];

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : Promise.resolve())),
    );
    await dropSchema(baseDatabaseUrl, schema).catch((e) => console.error(`[e2e] drop schema: ${e}`));
    await deleteRedisPrefix(redisUrl, prefix).catch((e) => console.error(`[e2e] redis cleanup: ${e}`));
    process.exit(code);
  };
  for (const child of children) {
    child.once("exit", (code) => {
      if (!stopping) {
        console.error(`[e2e] a child exited early (code ${code})`);
        void stop(1);
      }
    });
  }
  process.on("SIGTERM", () => void stop(0));
  process.on("SIGINT", () => void stop(0));
  console.log(`[e2e] schema ${schema}, prefix ${prefix}, http://127.0.0.1:${PORT}`);
}

main().catch((err) => {
  console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
