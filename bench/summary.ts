// bench/summary: how the summary recompute compares with one hand-written SQL aggregate over
// the same 1,000,000 transactions, and how many recomputes a burst of 10,000 edits causes.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     npm run bench:summary [-- --rows 1000000 --edits 10000]
//
// Works in a scratch schema and Bull prefix that it drops at the end. Goals: recompute
// ≤ 1.5× the plain aggregate; ≤ 5 recomputes for the burst.

import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { db, disconnectDb, parseDatabaseUrl } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { QUEUE } from "../lib/jobs/job-names";
import { closeQueues } from "../lib/queue/queues";
import { startWorker } from "../lib/worker/start-worker";
import { computeSummary, storeSummary } from "../lib/summary/compute-summary";
import { updateTransaction } from "../lib/transactions/transactions";
import { deleteRedisPrefix } from "../tests/helpers/integration";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 1_000_000);
const EDITS = arg("edits", 10_000);
const REPEATS = arg("repeats", 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_summary_${id}`;
  const prefix = `bench-summary-${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: redisUrl, BULL_PREFIX: prefix, LOG_LEVEL: "warn" });
  resetEnvCache();

  await applyMigrations(url);
  const { connectionString } = parseDatabaseUrl(url);
  const raw = new pg.Client({ connectionString, options: `-c search_path="${schema}"` });
  await raw.connect();

  try {
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "Bench", passwordHash: "x" } });
    await raw.query(
      `INSERT INTO "Category" (id, "userId", name) SELECT 'cat' || g, $1, 'Category ' || g FROM generate_series(1, 15) g`,
      [user.id],
    );
    let t = performance.now();
    // Three years of transactions: 1 in 20 is income, the rest spending across 15 categories.
    await raw.query(
      `INSERT INTO "Transaction" (id, "userId", date, description, "amountMinor", "categoryId", "updatedAt")
       SELECT 'tx' || g, $1, (current_date - (g % 1095))::date, 'Transaction ' || g,
              CASE WHEN g % 20 = 0 THEN 150000 + (g % 997) * 100 ELSE -((g::bigint * 7919) % 20000 + 100) END,
              CASE WHEN g % 20 = 0 THEN NULL ELSE 'cat' || (g % 15 + 1) END,
              now()
         FROM generate_series(1, $2::int) g`,
      [user.id, ROWS],
    );
    await raw.query(`UPDATE "User" SET "dataVersion" = 1, "dataChangedAt" = now() WHERE id = $1`, [user.id]);
    await raw.query(`VACUUM ANALYZE "Transaction"`);
    console.log(`generated ${ROWS.toLocaleString("en-US")} transactions in ${ms(performance.now() - t)}`);

    // --- Recompute vs one hand-written aggregate over the same rows ---------------------
    const baseline: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < REPEATS + 1; i++) {
      t = performance.now();
      await raw.query(
        `SELECT date_trunc('month', date) AS month,
                SUM("amountMinor") FILTER (WHERE "amountMinor" > 0) AS income,
                SUM("amountMinor") FILTER (WHERE "amountMinor" < 0) AS expenses,
                COUNT(*)
           FROM "Transaction" WHERE "userId" = $1 GROUP BY 1`,
        [user.id],
      );
      const b = performance.now() - t;
      t = performance.now();
      const computed = await computeSummary(user.id);
      await storeSummary(user.id, computed!, null);
      const o = performance.now() - t;
      if (i > 0) {
        baseline.push(b);
        ours.push(o);
      } // the first round warms caches
    }
    const ratio = median(ours) / median(baseline);
    console.log(`plain SQL aggregate (month totals): median ${ms(median(baseline))} over ${REPEATS} runs`);
    console.log(`summary recompute (compute + store): median ${ms(median(ours))} over ${REPEATS} runs`);
    console.log(`ratio recompute / aggregate: ${ratio.toFixed(2)}x (goal <= 1.5x)`);

    // --- A burst of edits with a live worker ----------------------------------------------
    const worker = await startWorker({ queues: [QUEUE.financialSummary] });
    const ids = (await raw.query(`SELECT id FROM "Transaction" WHERE "userId" = $1 LIMIT $2`, [user.id, EDITS])).rows.map(
      (r: { id: string }) => r.id,
    );
    const before = await db().backgroundJob.count({ where: { userId: user.id } });
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < ids.length) {
          const i = next++;
          await updateTransaction(user.id, ids[i], { amount: -(BigInt(i % 5000) + 1n) });
        }
      }),
    );
    const burstMs = performance.now() - t;
    // Wait for the last recompute to land.
    for (;;) {
      const open = await db().backgroundJob.count({ where: { userId: user.id, status: { in: ["pending", "running"] } } });
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const settledMs = performance.now() - t;
    const runs = await db().backgroundJob.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    const burstRuns = runs.slice(before);
    const computedRuns = burstRuns.filter((r) => (r.result as { computed?: boolean } | null)?.computed).length;
    const [stored, fresh] = await Promise.all([
      db().financialSummary.findUniqueOrThrow({ where: { userId: user.id } }),
      db().user.findUniqueOrThrow({ where: { id: user.id } }),
    ]);
    await worker.stop();
    console.log(
      `burst: ${EDITS.toLocaleString("en-US")} edits in ${ms(burstMs)} (${Math.round(EDITS / (burstMs / 1000))} edits/s), ` +
        `settled after ${ms(settledMs)}`,
    );
    console.log(`recompute runs caused by the burst: ${burstRuns.length} (computed ${computedRuns}) (goal <= 5)`);
    console.log(`last summary reflects the last edit: ${stored.sourceVersion === fresh.dataVersion ? "yes" : "NO"}`);
  } finally {
    await raw.end();
    await closeQueues();
    await disconnectDb();
    await deleteRedisPrefix(redisUrl, prefix);
    await dropSchema(base, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
