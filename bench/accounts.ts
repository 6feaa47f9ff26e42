// bench/accounts: the accounts page's query for a user with 1,000,000 transactions, against
// the aggregate it replaced, and what the running-balance trigger costs an insert.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test npm run bench:accounts [-- --rows 1000000]
//
// Works in a scratch schema it drops at the end. Goal (issue 13): the accounts page's data in
// well under 1 s at 1,000,000 rows, and the kept totals equal a fresh aggregate.

import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { listAccounts } from "../lib/accounts/accounts";
import { db, disconnectDb, parseDatabaseUrl } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 1_000_000);
const REPEATS = arg("repeats", 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;

// The query before the running balance (one pass over the account's rows per request).
const AGGREGATE_SQL = `
  SELECT a.id, a."openingBalanceMinor" + COALESCE(t.total, 0)::bigint AS balance,
         CASE WHEN a."lastStatementDate" IS NULL THEN NULL ELSE a."openingBalanceMinor" + COALESCE(t.upto, 0)::bigint END AS at_statement,
         COALESCE(t.n, 0)::bigint AS n
    FROM "FinancialAccount" a
    LEFT JOIN LATERAL (
      SELECT sum(x."amountMinor") AS total, sum(x."amountMinor") FILTER (WHERE x.date <= a."lastStatementDate") AS upto, count(*) AS n
        FROM "Transaction" x WHERE x."accountId" = a.id) t ON true
   WHERE a."userId" = $1`;

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_accounts_${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, LOG_LEVEL: "warn" });
  resetEnvCache();
  await applyMigrations(url);
  const { connectionString } = parseDatabaseUrl(url);
  const raw = new pg.Client({ connectionString, options: `-c search_path="${schema}"` });
  await raw.connect();

  try {
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "Bench", passwordHash: "x" } });
    // Four accounts: most rows in checking, the rest spread; a statement a month before the newest row.
    await raw.query(
      `INSERT INTO "FinancialAccount" (id, "userId", name, type, "openingBalanceMinor", "lastStatementDate", "lastStatementBalanceMinor", "updatedAt")
       VALUES ('acc1', $1, 'Checking', 'checking', 150000, DATE '2026-11-01', 0, now()),
              ('acc2', $1, 'Savings', 'savings', 0, DATE '2026-11-01', 0, now()),
              ('acc3', $1, 'Card', 'credit_card', 0, NULL, NULL, now()),
              ('acc4', $1, 'Cash', 'cash', 0, NULL, NULL, now())`,
      [user.id],
    );
    // Three years up to 2026-12-06; 80 % checking, 12 % savings, 6 % card, 2 % cash.
    const insert = (table: string, from: number, to: number) =>
      raw.query(
        `INSERT INTO "${table}" (id, "userId", date, description, "amountMinor", "accountId", "updatedAt")
         SELECT 't' || g, $1, DATE '2026-12-06' - (g % 1096), 'Row ' || g,
                CASE WHEN g % 20 = 0 THEN 250000 + (g % 997) ELSE -((g::bigint * 7919) % 20000) - 1 END,
                CASE WHEN g % 50 < 40 THEN 'acc1' WHEN g % 50 < 46 THEN 'acc2' WHEN g % 50 < 49 THEN 'acc3' ELSE 'acc4' END, now()
           FROM generate_series($2::int, $3::int) g`,
        [user.id, from, to],
      );

    // The trigger's cost: the same 2,000-row batches (the importer's size) with it and without.
    const BATCH = 2000;
    const probe = Math.min(ROWS, 100_000);
    await raw.query(`ALTER TABLE "Transaction" DISABLE TRIGGER "Transaction_account_totals_insert"`);
    let t = performance.now();
    for (let from = 1; from <= probe; from += BATCH) await insert("Transaction", from, Math.min(probe, from + BATCH - 1));
    const withoutTrigger = performance.now() - t;
    await raw.query(`DELETE FROM "Transaction"`);
    await raw.query(`ALTER TABLE "Transaction" ENABLE TRIGGER "Transaction_account_totals_insert"`);
    await raw.query(`UPDATE "FinancialAccount" SET "transactionsSumMinor" = 0, "transactionCount" = 0`);
    await raw.query(`VACUUM "Transaction"`);
    t = performance.now();
    for (let from = 1; from <= probe; from += BATCH) await insert("Transaction", from, Math.min(probe, from + BATCH - 1));
    const withTrigger = performance.now() - t;
    console.log(`insert ${probe.toLocaleString("en-US")} rows in ${BATCH}-row batches: ${ms(withoutTrigger)} without the trigger, ${ms(withTrigger)} with it (${((withTrigger / withoutTrigger - 1) * 100).toFixed(1)} %)`);

    t = performance.now();
    if (ROWS > probe) await insert("Transaction", probe + 1, ROWS);
    console.log(`seeded ${ROWS.toLocaleString("en-US")} transactions in ${ms(performance.now() - t)}`);
    await raw.query(`VACUUM ANALYZE "Transaction"`);
    await raw.query(`VACUUM ANALYZE "FinancialAccount"`);

    // The kept totals against a fresh aggregate.
    const fresh = await raw.query<{ id: string; balance: string; n: string }>(AGGREGATE_SQL + " ORDER BY a.id", [user.id]);
    const { accounts } = await listAccounts(user.id);
    const kept = new Map(accounts.map((a) => [a.name, a]));
    const names: Record<string, string> = { acc1: "Checking", acc2: "Savings", acc3: "Card", acc4: "Cash" };
    for (const f of fresh.rows) {
      const a = kept.get(names[f.id])!;
      const expected = (BigInt(f.balance) < 0n ? "-" : "") + (BigInt(f.balance) < 0n ? -BigInt(f.balance) : BigInt(f.balance)).toString();
      const actual = a.balance.replace(".", "").replace(/^(-?)0+(?=\d)/, "$1");
      if (actual !== expected.replace(/^(-?)0+(?=\d)/, "$1") || a.transactionCount !== Number(f.n)) {
        throw new Error(`${a.name}: kept ${a.balance} / ${a.transactionCount}, aggregate ${f.balance} / ${f.n}`);
      }
    }
    console.log(`kept balances equal the aggregate for ${accounts.length} accounts (${accounts.reduce((s, a) => s + a.transactionCount, 0).toLocaleString("en-US")} rows)`);

    const timeIt = async (run: () => Promise<unknown>) => {
      await run();
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const s = performance.now();
        await run();
        times.push(performance.now() - s);
      }
      return median(times);
    };
    const kept1 = await timeIt(() => listAccounts(user.id));
    const old1 = await timeIt(() => raw.query(AGGREGATE_SQL, [user.id]));
    console.log(`listAccounts (the page's data): median ${ms(kept1)} over ${REPEATS}; the old per-request aggregate: median ${ms(old1)}`);
    const plan = await raw.query(`EXPLAIN (ANALYZE, BUFFERS)
      SELECT a.id, (a."openingBalanceMinor" + a."transactionsSumMinor" - COALESCE((SELECT sum(x."amountMinor") FROM "Transaction" x
               WHERE x."accountId" = a.id AND x.date > a."lastStatementDate"), 0))::text
        FROM "FinancialAccount" a WHERE a."userId" = $1`, [user.id]);
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
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
