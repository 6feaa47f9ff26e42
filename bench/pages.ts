// bench/pages (issue 14, P6): a user with 1,000,000 transactions over ten years, 5 accounts and
// 40 categories (seeded with COPY, the summary computed and stored as the summary job does);
// the production build (`next build` + `next start`); Chromium through Playwright. Each page is
// measured on its first load after a fresh sign-in (a new browser context per sample), from
// navigation start until its content is on screen; the median of 5. Goal: ≤ 1 s each.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     flock /tmp/tallyboard-heavy.lock npm run bench:pages [-- --no-build --rows 1000000 --samples 5 --port 3422 --keep]
//
// Works in a scratch schema (dropped at the end unless --keep) and a Bull prefix of its own.
// `--schema <name>` measures a schema kept by an earlier run (--keep) instead of seeding again
// (the COPY and its indexes take about 5 minutes here).

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chromium, type Browser } from "@playwright/test";
import pg from "pg";
import { disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { computeSummary, storeSummary } from "../lib/summary/compute-summary";
import { deleteRedisPrefix } from "../tests/helpers/integration";
import { BENCH_ROOT as ROOT } from "./start-bench-stack";
import { BENCH_EMAIL, BENCH_PASSWORD, seedMillionUser } from "./seed-million";

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROWS = Number(argValue("rows") ?? 1_000_000);
const SAMPLES = Number(argValue("samples") ?? 5);
const PORT = argValue("port") ?? process.env.BENCH_PORT ?? "3422";
const GOAL_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("next start exited");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer`);
}

/** The user an earlier run seeded (--schema). */
async function findSeededUser(raw: pg.Client) {
  const { rows: users } = await raw.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [BENCH_EMAIL]);
  if (!users[0]) throw new Error(`no ${BENCH_EMAIL} in that schema`);
  const userId = users[0].id;
  const { rows: categories } = await raw.query<{ id: string; name: string }>(`SELECT id, name FROM "Category" WHERE "userId" = $1`, [userId]);
  const { rows: span } = await raw.query<{ last: string; n: string }>(
    `SELECT to_char(max(date), 'YYYY-MM-DD') AS last, count(*) AS n FROM "Transaction" WHERE "userId" = $1`,
    [userId],
  );
  return {
    userId,
    email: BENCH_EMAIL,
    password: BENCH_PASSWORD,
    categoryIds: new Map(categories.map((c) => [c.name, c.id])),
    lastDay: span[0].last,
    rows: Number(span[0].n),
  };
}

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const id = randomBytes(4).toString("hex");
  const reuse = argValue("schema");
  const schema = reuse ?? `bench_pages_${id}`;
  const prefix = `bench-pages-${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: redisUrl, BULL_PREFIX: prefix, LOG_LEVEL: "warn" });
  resetEnvCache();

  if (!process.argv.includes("--no-build")) {
    console.log("[bench:pages] next build …");
    const build = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (build.status !== 0) throw new Error("next build failed");
  }

  if (!reuse) await applyMigrations(url);
  const parsed = new URL(base);
  parsed.searchParams.delete("schema");
  const raw = new pg.Client({ connectionString: parsed.toString(), options: `-c search_path=${schema}` });
  await raw.connect();
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  try {
    const t0 = Date.now();
    const user = reuse ? await findSeededUser(raw) : await seedMillionUser(raw, { rows: ROWS, log: (m) => console.log(m) });
    if (!reuse) await raw.query(`VACUUM ANALYZE "Transaction"`);
    // The summary as the financial-summary job leaves it, so the dashboard reads a stored one.
    const s0 = Date.now();
    const computed = await computeSummary(user.userId);
    if (computed) await storeSummary(user.userId, computed, null);
    console.log(`[bench:pages] seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s; summary computed in ${((Date.now() - s0) / 1000).toFixed(1)} s`);

    server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", PORT, "-H", "127.0.0.1"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
        NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
        CRON_SECRET: randomBytes(16).toString("hex"),
        RATE_LIMIT_PER_MINUTE: "10000",
        SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS: "1000",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const origin = `http://127.0.0.1:${PORT}`;
    await waitForHttp(`${origin}/api/health`, server);

    const groceries = user.categoryIds.get("Groceries")!;
    const lastYear = Number(user.lastDay.slice(0, 4)) - 1;
    const pages: { name: string; path: string; ready: string }[] = [
      { name: "dashboard", path: "/dashboard", ready: '[data-testid="card-current-month"]' },
      { name: "transactions, first page", path: "/dashboard/transactions", ready: '[data-testid="transactions-table"] tbody tr' },
      { name: "text search (“whole foods”)", path: "/dashboard/transactions?q=whole%20foods", ready: '[data-testid="match-count"]' },
      { name: `category + date range (Groceries, ${lastYear})`, path: `/dashboard/transactions?category=${groceries}&from=${lastYear}-01-01&to=${lastYear}-12-31`, ready: '[data-testid="match-count"]' },
      { name: "accounts", path: "/dashboard/accounts", ready: '[data-testid="account-card"]' },
    ];

    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"] });
    // One warm-up pass: next start compiles nothing, but the first request of a route loads its chunks.
    const results: { name: string; samples: number[] }[] = pages.map((p) => ({ name: p.name, samples: [] }));
    for (let round = -1; round < SAMPLES; round++) {
      for (const [i, p] of pages.entries()) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${origin}/login`);
        await page.getByLabel("Email").fill(user.email);
        await page.getByLabel("Password").fill(user.password);
        await page.getByRole("button", { name: /sign in/i }).click();
        await page.waitForURL(/\/dashboard/);
        await page.goto(`${origin}/login`); // leave the dashboard: the measured load starts cold
        const started = Date.now();
        await page.goto(`${origin}${p.path}`, { waitUntil: "commit" });
        await page.locator(p.ready).first().waitFor({ state: "visible", timeout: 60_000 });
        const ms = Date.now() - started;
        if (round >= 0) results[i].samples.push(ms);
        await context.close();
      }
    }

    console.log(`\n[bench:pages] ${user.rows.toLocaleString("en-US")} transactions, ${new Date().toISOString().slice(0, 10)}, median of ${SAMPLES} (goal ≤ ${GOAL_MS} ms)`);
    console.log("| page | median | samples | goal |\n|---|---|---|---|");
    for (const r of results) {
      const m = median(r.samples);
      console.log(`| ${r.name} | ${m} ms | ${r.samples.join(", ")} | ${m <= GOAL_MS ? "met" : "MISSED"} |`);
    }
  } finally {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await raw.end();
    await disconnectDb();
    if (!process.argv.includes("--keep") && !reuse) await dropSchema(base, schema);
    else console.log(`[bench:pages] kept schema ${schema}`);
    await deleteRedisPrefix(redisUrl, prefix).catch(() => {});
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
