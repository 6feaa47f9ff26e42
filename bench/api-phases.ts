// bench/api-phases: where the time of POST /api/transactions goes, phase by phase, at a fixed
// rate (default 50 requests/s, open loop: a slow request does not hold back the next one), in
// one process without Next: the session (next-auth's JWT decode, the session callback's user
// read, the rolling cookie's encode), the per-user rate limit (one Redis round trip), the
// Prisma transaction (the row, its follow-up job rows) and the dispatch after commit (the Bull
// add, then the row's enqueuedAt). bench/api measures the same route end to end through
// `next start`; the difference is Next's and HTTP's own time.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     flock /tmp/tallyboard-heavy.lock npx tsx bench/api-phases.ts [-- --rate 50 --duration 10 --users 8]

import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import Queue from "bull";
import pg from "pg";
import { decode, encode } from "next-auth/jwt";
import { findSessionUser, registerUser } from "../lib/auth/users";
import { disconnectDb, jobStatePool } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { hitRateLimit } from "../lib/http/rate-limit";
import "../lib/jobs/job-names";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { closeQueues } from "../lib/queue/queues";
import { createTransactionSchema } from "../lib/transactions/transaction-schemas";
import { createTransaction } from "../lib/transactions/transactions";
import { freePort, TestRedisServer } from "../tests/helpers/redis-server";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const RATE = arg("rate", 50);
const DURATION_S = arg("duration", 10);
const USERS = arg("users", 8);

interface Timing {
  auth: number;
  rateLimit: number;
  transaction: number;
  bullAdd: number;
  markEnqueued: number;
  total: number;
}

const current = new AsyncLocalStorage<Timing>();

/** Times Bull's add and the enqueuedAt write of the request in progress (AsyncLocalStorage). */
function instrumentDispatch(): void {
  const add = Queue.prototype.add;
  Queue.prototype.add = async function (this: Queue.Queue, ...args: unknown[]) {
    const t = performance.now();
    try {
      return await (add as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      const timing = current.getStore();
      if (timing) timing.bullAdd += performance.now() - t;
    }
  } as typeof add;
  const pool = jobStatePool();
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
    const t = performance.now();
    try {
      return await query(...args);
    } finally {
      const timing = current.getStore();
      if (timing && String(args[0]).includes('"enqueuedAt" = now()')) timing.markEnqueued += performance.now() - t;
    }
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_phases_${id}`;
  const redis = new TestRedisServer(await freePort());
  await redis.start();
  Object.assign(process.env, { DATABASE_URL: withSchemaParam(base, schema), REDIS_URL: redis.url, BULL_PREFIX: `bench-phases-${id}`, LOG_LEVEL: "warn" });
  resetEnvCache();
  await applyMigrations(process.env.DATABASE_URL!);
  try {
    const secret = randomBytes(32).toString("base64");
    const users = [];
    for (let i = 0; i < USERS; i++) users.push(await registerUser({ email: `phases-${i}@example.com`, password: "bench-password-1", name: `Bench ${i}` }));
    const tokens = await Promise.all(users.map((u) => encode({ token: { uid: u.id, sub: u.id }, secret })));
    const body = { date: new Date().toISOString().slice(0, 10), description: "Bench coffee", amount: "-3.20" };
    instrumentDispatch();

    const one = async (n: number): Promise<Timing> => {
      const timing: Timing = { auth: 0, rateLimit: 0, transaction: 0, bullAdd: 0, markEnqueued: 0, total: 0 };
      return current.run(timing, async () => {
        const t0 = performance.now();
        // getServerSession: decode the cookie, the session callback's user read, and the
        // re-encoded cookie next-auth sends back (a rolling session).
        const token = await decode({ token: tokens[n % tokens.length], secret });
        const user = await findSessionUser(String(token!.uid));
        await encode({ token: token!, secret });
        const t1 = performance.now();
        await hitRateLimit("enqueue", user!.id, 1_000_000);
        const t2 = performance.now();
        await createTransaction(user!.id, createTransactionSchema.parse(body));
        const t3 = performance.now();
        timing.auth = t1 - t0;
        timing.rateLimit = t2 - t1;
        timing.transaction = t3 - t2 - timing.bullAdd - timing.markEnqueued;
        timing.total = t3 - t0;
        return timing;
      });
    };

    // Warm-up: JIT, Prisma's pool, the Bull queue's scripts.
    for (let i = 0; i < 40; i++) await one(i);
    if (process.argv.includes("--trace")) {
      // The statements one request sends to Postgres, in order, with their times.
      const trace: string[] = [];
      const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => Promise<unknown> };
      const query = proto.query;
      proto.query = function (this: unknown, ...args: unknown[]) {
        const t = performance.now();
        const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string })?.text);
        const result = query.apply(this, args);
        if (result && typeof (result as Promise<unknown>).then === "function") {
          void (result as Promise<unknown>).finally(() => trace.push(`${(performance.now() - t).toFixed(1)} ms  ${text.replace(/\s+/g, " ").slice(0, 140)}`)).catch(() => undefined);
        }
        return result;
      };
      await one(0);
      proto.query = query;
      console.log(`one request's statements (${trace.length}):\n  ${trace.join("\n  ")}`);
    }

    // --rate 0: one request at a time (each phase's service time, no queueing behind others).
    const count = (RATE || 50) * DURATION_S;
    const runs: Promise<Timing>[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      if (RATE === 0) {
        runs.push(Promise.resolve(await one(i)));
        continue;
      }
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      runs.push(one(i));
    }
    const timings = await Promise.all(runs);
    const how = RATE === 0 ? "one at a time" : `at ${RATE}/s`;
    console.log(`POST /api/transactions in phases, ${count} requests ${how}, ${USERS} users; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}; ${new Date().toISOString()}`);
    for (const phase of ["auth", "rateLimit", "transaction", "bullAdd", "markEnqueued", "total"] as const) {
      const sorted = timings.map((t) => t[phase]).sort((a, b) => a - b);
      console.log(`${phase.padEnd(13)} p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  max ${sorted[sorted.length - 1].toFixed(1)} ms`);
    }
  } finally {
    await closeQueues();
    await disconnectDb();
    await dropSchema(base, schema).catch(() => undefined);
    await redis.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
