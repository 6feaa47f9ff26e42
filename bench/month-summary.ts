// bench/month-summary: the dashboard's month switcher on a user with 1,000,000 transactions over
// ten years (5 accounts, one in EUR; 40 categories, one of kind transfer; 1 in 50 rows a paired
// transfer): how long a past month's summary takes per request (it aggregates that month's rows
// only), next to the full recompute the summary job runs.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     npx tsx bench/month-summary.ts [-- --rows 1000000 --repeats 5]
//
// Works in a scratch schema it drops at the end. Goal: a past month in ≤ 100 ms (median).

import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { db, disconnectDb, parseDatabaseUrl } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { computeMonthSummary, computeSummary } from "../lib/summary/compute-summary";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 1_000_000);
const REPEATS = arg("repeats", 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; times: number[] }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < REPEATS + 1; i++) {
    const t = performance.now();
    result = await fn();
    if (i > 0) times.push(performance.now() - t); // the first round warms caches
  }
  return { result, times };
}

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_month_${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn" });
  resetEnvCache();

  await applyMigrations(url);
  const { connectionString } = parseDatabaseUrl(url);
  const raw = new pg.Client({ connectionString, options: `-c search_path="${schema}"` });
  await raw.connect();
  try {
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "Bench", passwordHash: "x" } });
    await raw.query(
      `INSERT INTO "FinancialAccount" (id, "userId", name, currency, "updatedAt")
       SELECT 'acc' || g, $1, 'Account ' || g, CASE WHEN g = 5 THEN 'EUR' ELSE 'USD' END, now() FROM generate_series(1, 5) g`,
      [user.id],
    );
    await raw.query(
      `INSERT INTO "Category" (id, "userId", name, kind)
       SELECT 'cat' || g, $1, 'Category ' || g,
              (CASE WHEN g = 1 THEN 'transfer' WHEN g = 2 THEN 'income' ELSE 'expense' END)::"CategoryKind"
         FROM generate_series(1, 40) g`,
      [user.id],
    );
    const t = performance.now();
    await raw.query(
      `INSERT INTO "Transaction" (id, "userId", "accountId", date, description, "amountMinor", "categoryId", "updatedAt")
       SELECT 'tx' || g, $1, 'acc' || (g % 5 + 1), (current_date - (g % 3650))::date, 'Transaction ' || g,
              CASE WHEN g % 20 = 0 THEN 150000 + (g % 997) * 100 WHEN g % 97 = 0 THEN 2500 ELSE -((g::bigint * 7919) % 20000 + 100) END,
              CASE WHEN g % 20 = 0 THEN NULL ELSE 'cat' || (g % 40 + 1) END,
              now()
         FROM generate_series(1, $2::int) g`,
      [user.id, ROWS],
    );
    // Pair 1 in 50 rows with its neighbour as transfers.
    await raw.query(
      `UPDATE "Transaction" t SET "transferPeerId" = 'tx' || (substr(t.id, 3)::int + 1)
        WHERE t."userId" = $1 AND substr(t.id, 3)::int % 50 = 1`,
      [user.id],
    );
    await raw.query(
      `UPDATE "Transaction" t SET "transferPeerId" = 'tx' || (substr(t.id, 3)::int - 1)
        WHERE t."userId" = $1 AND substr(t.id, 3)::int % 50 = 2`,
      [user.id],
    );
    await raw.query(`VACUUM ANALYZE "Transaction"`);
    console.log(`generated ${ROWS.toLocaleString("en-US")} transactions over ten years in ${ms(performance.now() - t)}`);

    const now = new Date();
    const past = new Date(Date.UTC(now.getUTCFullYear() - 3, now.getUTCMonth(), 1)).toISOString().slice(0, 7);
    const month = await timed(() => computeMonthSummary(user.id, past, "USD"));
    console.log(
      `a past month (${past}, ${month.result.totals.transactionCount.toLocaleString("en-US")} USD rows): median ${ms(median(month.times))} over ${REPEATS} runs (goal <= 100 ms)`,
    );
    const full = await timed(() => computeSummary(user.id));
    console.log(`full recompute (the summary job, all rows): median ${ms(median(full.times))} over ${REPEATS} runs`);
    const plan = await raw.query(
      `EXPLAIN SELECT count(*) FROM "Transaction" t WHERE t."userId" = $1 AND t.date >= $2::date AND t.date < ($2::date + interval '1 month')`,
      [user.id, `${past}-01`],
    );
    console.log(`month rows are read by: ${plan.rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"].trim()).find((l: string) => /Index|Seq Scan/.test(l))}`);
  } finally {
    await raw.end();
    await disconnectDb();
    await dropSchema(base, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
