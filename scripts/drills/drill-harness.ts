// The failure drills' shared harness (issue 10): start the real pieces on throwaway services,
// sign a user up over HTTP, drive load, and count what the database holds afterwards.
//
// - Postgres and Redis are private instances (scripts/local-stack.ts on free ports, data in a
//   temporary folder), so a drill may stop and restart them without touching the machine's
//   shared servers.
// - The web is the production build (`next start`; built once with `next build` when .next
//   has no build), the worker is the compiled one (dist/scripts/processFinancialSummaryQueue.js,
//   built with `npm run build:worker` when missing).
// - Every figure printed comes from SQL over the drill's database, not from the processes.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../lib/migrate/apply-migrations";
import { freePort } from "../../tests/helpers/redis-server";
import { startLocalStack, type LocalStack } from "../local-stack";

const ROOT = path.resolve(__dirname, "../..");
const WORKER_SCRIPT = path.join(ROOT, "dist/scripts/processFinancialSummaryQueue.js");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const quiet = () => undefined;

/** A child process with its recent output kept for the report. */
export class DrillProcess {
  private lines: string[] = [];
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) if (line.trim()) this.lines.push(line);
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
      if (process.env.DRILL_VERBOSE === "1") process.stdout.write(`[${name}] ${chunk}`);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string[] {
    return this.lines;
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.lines.some((l) => pattern.test(l))) {
      if (!this.running) throw new Error(`${this.name} exited before printing ${pattern}:\n${this.lines.slice(-20).join("\n")}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** Sends the signal and waits for the exit; returns the exit code (null after a kill). */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }
}

/** Builds the web and the worker once, unless a build is already there. */
export function ensureBuilds(env: NodeJS.ProcessEnv): void {
  const build = (what: string, command: string, args: string[]) => {
    console.log(`[drill] building ${what} (${command} ${args.join(" ")})`);
    const result = spawnSync(command, args, { cwd: ROOT, env: { ...env, NODE_ENV: "production" }, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`${what} build failed`);
  };
  if (process.env.DRILL_REBUILD === "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) build("the web", "npx", ["next", "build"]);
  if (process.env.DRILL_REBUILD === "1" || !fs.existsSync(WORKER_SCRIPT)) build("the worker", "npm", ["run", "build:worker"]);
}

export interface DrillStackOptions {
  /** Extra environment for the web and the worker (timers the drill shortens, etc.). */
  env?: Record<string, string>;
}

/** Throwaway Postgres and Redis, migrated, and the processes started on them. */
export class DrillStack {
  readonly processes: DrillProcess[] = [];
  private postgres?: LocalStack;
  private redis?: LocalStack;
  private pool?: pg.Pool;
  private workerSeq = 0;
  readonly baseUrl: string;

  private constructor(
    readonly name: string,
    private readonly dataDir: string,
    readonly pgPort: number,
    readonly redisPort: number,
    readonly webPort: number,
    readonly env: Record<string, string>,
  ) {
    this.baseUrl = `http://127.0.0.1:${webPort}`;
  }

  static async start(name: string, options: DrillStackOptions = {}): Promise<DrillStack> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `tallyboard-drill-${name}-`));
    fs.chmodSync(dataDir, 0o755);
    const [pgPort, redisPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const env: Record<string, string> = {
      DATABASE_URL: `postgresql://postgres:postgres@127.0.0.1:${pgPort}/tallyboard`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      BULL_PREFIX: `drill-${name}`,
      NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      CRON_SECRET: randomBytes(16).toString("hex"),
      RATE_LIMIT_PER_MINUTE: "0",
      LOG_LEVEL: "info",
      ...options.env,
    };
    const stack = new DrillStack(name, dataDir, pgPort, redisPort, webPort, env);
    await stack.startPostgres();
    await stack.startRedis();
    await applyMigrations(env.DATABASE_URL);
    return stack;
  }

  /** Starts the one service local-stack finds no URL for (the other is named in `env`). */
  private startService(env: Record<string, string | undefined>): Promise<LocalStack> {
    return startLocalStack({ rootDir: ROOT, dataDir: this.dataDir, log: quiet, env: { NODE_ENV: "production", NEXTAUTH_SECRET: "x", CRON_SECRET: "x", ...env } });
  }

  async startPostgres(): Promise<void> {
    this.postgres = await this.startService({ TALLYBOARD_PG_PORT: String(this.pgPort), REDIS_URL: this.env.REDIS_URL });
  }

  async stopPostgres(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
    this.pool = undefined;
    await this.postgres?.stop();
    this.postgres = undefined;
  }

  async startRedis(): Promise<void> {
    this.redis = await this.startService({ TALLYBOARD_REDIS_PORT: String(this.redisPort), DATABASE_URL: this.env.DATABASE_URL });
  }

  async stopRedis(): Promise<void> {
    await this.redis?.stop();
    this.redis = undefined;
  }

  /** A pg pool on the drill's database, for counting. */
  db(): pg.Pool {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.env.DATABASE_URL, max: 2 });
      this.pool.on("error", () => undefined);
    }
    return this.pool;
  }

  private spawn(name: string, args: string[], env: Record<string, string> = {}): DrillProcess {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", ...this.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const proc = new DrillProcess(name, child);
    this.processes.push(proc);
    return proc;
  }

  async startWeb(): Promise<DrillProcess> {
    const web = this.spawn("web", [require.resolve("next/dist/bin/next"), "start", "-p", String(this.webPort), "-H", "127.0.0.1"]);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await fetch(`${this.baseUrl}/api/health`).catch(() => null);
      if (res) return web;
      if (!web.running || Date.now() > deadline) throw new Error(`next start did not answer:\n${web.output().slice(-20).join("\n")}`);
      await sleep(200);
    }
  }

  async startWorker(env: Record<string, string> = {}): Promise<DrillProcess> {
    const worker = this.spawn(`worker-${++this.workerSeq}`, ["--max-old-space-size=256", WORKER_SCRIPT], env);
    await worker.waitForOutput(/\[worker\] ready/, 60_000);
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop("SIGKILL")));
    await this.pool?.end().catch(() => undefined);
    await this.stopRedis().catch(() => undefined);
    await this.postgres?.stop().catch(() => undefined);
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface HttpAnswer {
  status: number;
  ms: number;
  json: unknown;
  /** Whether the body was JSON (a 5xx must be JSON too, never a page or a stack). */
  isJson: boolean;
}

/** A signed-up, signed-in user talking to the web over HTTP, as the browser does. */
export class DrillClient {
  private constructor(
    private readonly baseUrl: string,
    private cookie: string,
    readonly email: string,
  ) {}

  static async signUp(baseUrl: string, name: string): Promise<DrillClient> {
    const email = `${name}-${randomBytes(3).toString("hex")}@drill.test`;
    const password = "drill-password-123";
    const registered = await fetch(`${baseUrl}/api/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password, name }),
    });
    if (registered.status !== 201) throw new Error(`register answered ${registered.status}: ${await registered.text()}`);
    const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookies = new Map<string, string>();
    const keep = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(";");
        const at = pair.indexOf("=");
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    };
    keep(csrf);
    const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const signedIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    keep(signedIn);
    if (![...cookies.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in gave no session (HTTP ${signedIn.status})`);
    return new DrillClient(baseUrl, header(), email);
  }

  async request(method: string, url: string, body?: BodyInit, contentType?: string, timeoutMs = 30_000): Promise<HttpAnswer> {
    const started = Date.now();
    try {
      const res = await fetch(`${this.baseUrl}${url}`, {
        method,
        body,
        headers: { cookie: this.cookie, accept: "application/json", ...(contentType ? { "content-type": contentType } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let json: unknown = null;
      let isJson = false;
      try {
        json = JSON.parse(text);
        isJson = true;
      } catch {
        json = text.slice(0, 200);
      }
      return { status: res.status, ms: Date.now() - started, json, isJson };
    } catch (err) {
      // No answer at all (refused, reset, or over the timeout): status 0.
      return { status: 0, ms: Date.now() - started, json: (err as Error).message, isJson: false };
    }
  }

  createTransaction(input: { date: string; description: string; amount: string }): Promise<HttpAnswer> {
    return this.request("POST", "/api/transactions", JSON.stringify(input), "application/json");
  }

  upload(fileName: string, csv: string): Promise<HttpAnswer> {
    const form = new FormData();
    form.set("file", new File([csv], fileName, { type: "text/csv" }));
    form.set("autoConfirm", "true");
    return this.request("POST", "/api/transactions/upload", form, undefined, 120_000);
  }

  summary(): Promise<HttpAnswer> {
    return this.request("GET", "/api/summary");
  }
}

/** Local dates of the current month, so every row lands in the summary's "this month". */
export function monthDay(i: number): string {
  const now = new Date();
  const day = 1 + (i % now.getUTCDate());
  return `${now.toISOString().slice(0, 8)}${String(day).padStart(2, "0")}`;
}

/** n transactions with distinct descriptions; amounts in cents, positive and negative. */
export function editBatch(prefix: string, n: number): { date: string; description: string; amountMinor: bigint }[] {
  return Array.from({ length: n }, (_, i) => ({
    date: monthDay(i),
    description: `${prefix} ${i}`,
    amountMinor: i % 5 === 0 ? BigInt(100_000 + i) : -BigInt(1_000 + ((i * 37) % 9_000)),
  }));
}

export const toAmount = (minor: bigint) => {
  const abs = minor < 0n ? -minor : minor;
  return `${minor < 0n ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
};

/** A CSV of `rows` transactions with distinct descriptions, and its expected totals. */
export function importFile(prefix: string, rows: number): { csv: string; count: number; sumMinor: bigint } {
  const lines = ["Date,Description,Amount"];
  let sum = 0n;
  for (let i = 0; i < rows; i++) {
    const minor = i % 7 === 0 ? BigInt(50_000 + (i % 1000)) : -BigInt(100 + (i % 5_000));
    sum += minor;
    // ISO dates: early in a month every day is 12 or less, and 03/04 would be ambiguous.
    lines.push(`${monthDay(i)},${prefix} ROW ${i},${toAmount(minor)}`);
  }
  return { csv: `${lines.join("\n")}\n`, count: rows, sumMinor: sum };
}

export interface Tally {
  transactions: number;
  sumMinor: bigint;
  /** Rows beyond the first with the same description (every drill row's description is unique). */
  duplicates: number;
  jobs: Record<string, number>;
  running: number;
  pending: number;
  failed: number;
  imports: Record<string, number>;
  summaryCount: number | null;
  summaryCurrent: boolean;
  summaryNetMinor: bigint | null;
}

export async function tally(stack: DrillStack, email: string): Promise<Tally> {
  const q = <T extends pg.QueryResultRow>(sql: string) => stack.db().query<T>(sql, [email]);
  const user = `(SELECT id FROM "User" WHERE email = $1)`;
  const [tx, jobs, imports, summary] = await Promise.all([
    q<{ n: string; sum: string | null; distinct: string }>(
      `SELECT count(*) AS n, sum("amountMinor")::text AS sum, count(DISTINCT description) AS distinct FROM "Transaction" WHERE "userId" = ${user}`,
    ),
    q<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "BackgroundJob" WHERE "userId" = ${user} GROUP BY status`),
    q<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM "Import" WHERE "userId" = ${user} GROUP BY status`),
    q<{ count: number; current: boolean; net: string | null }>(
      `SELECT s."transactionCount" AS count, s."sourceVersion" >= u."dataVersion" AS current, s.data->'currentMonth'->>'net' AS net
         FROM "User" u LEFT JOIN "FinancialSummary" s ON s."userId" = u.id WHERE u.email = $1`,
    ),
  ]);
  const byStatus = (rows: { status: string; n: string }[]) => Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  const jobCounts = byStatus(jobs.rows);
  const s = summary.rows[0];
  const transactions = Number(tx.rows[0].n);
  return {
    transactions,
    sumMinor: BigInt(tx.rows[0].sum ?? "0"),
    duplicates: transactions - Number(tx.rows[0].distinct),
    jobs: jobCounts,
    running: jobCounts.running ?? 0,
    pending: jobCounts.pending ?? 0,
    failed: jobCounts.failed ?? 0,
    imports: byStatus(imports.rows),
    summaryCount: s?.count ?? null,
    summaryCurrent: s?.current ?? false,
    summaryNetMinor: s?.net == null ? null : BigInt(s.net.replace(".", "")),
  };
}

/**
 * Waits until the user's jobs are all final and the summary reflects the last change; returns
 * the tally and how long it took (the timeout is a finding, not an error).
 */
export async function settle(stack: DrillStack, email: string, timeoutMs: number): Promise<{ tally: Tally; ms: number; settled: boolean }> {
  const started = Date.now();
  for (;;) {
    const t = await tally(stack, email).catch(() => null);
    if (t && t.running === 0 && t.pending === 0 && t.summaryCurrent) return { tally: t, ms: Date.now() - started, settled: true };
    if (Date.now() - started > timeoutMs) return { tally: t ?? (await tally(stack, email)), ms: Date.now() - started, settled: false };
    await sleep(500);
  }
}

/** The drill's verdict lines: what was expected, what the database holds, what was lost. */
export function report(
  name: string,
  expected: { transactions: number; sumMinor: bigint },
  outcome: { tally: Tally; ms: number; settled: boolean },
  extra: [string, string | number][] = [],
): boolean {
  const t = outcome.tally;
  const lost = expected.transactions - t.transactions;
  const rows: [string, string | number][] = [
    ["settled", outcome.settled ? `yes, ${(outcome.ms / 1000).toFixed(1)} s after the last fault` : `NO (gave up after ${(outcome.ms / 1000).toFixed(0)} s)`],
    ["transactions expected / in the database", `${expected.transactions} / ${t.transactions}`],
    ["rows lost (negative: extra)", lost],
    ["duplicate rows", t.duplicates],
    ["sum expected / in the database", `${toAmount(expected.sumMinor)} / ${toAmount(t.sumMinor)}`],
    ["summary transactions / current", `${t.summaryCount ?? "none"} / ${t.summaryCurrent ? "yes" : "NO"}`],
    ["summary net this month = database sum", t.summaryNetMinor === t.sumMinor ? "yes" : `NO (${t.summaryNetMinor === null ? "none" : toAmount(t.summaryNetMinor)})`],
    ["jobs by status", JSON.stringify(t.jobs)],
    ["jobs stuck running / pending", `${t.running} / ${t.pending}`],
    ["imports by status", JSON.stringify(t.imports)],
    ...extra,
  ];
  const ok =
    outcome.settled && lost === 0 && t.duplicates === 0 && t.sumMinor === expected.sumMinor && t.summaryNetMinor === t.sumMinor && t.failed === 0;
  console.log(`\n== drill ${name}: ${ok ? "NOTHING LOST" : "LOSS OR FAILURE FOUND"} ==`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(42)} ${value}`);
  return ok;
}

/** Runs a drill body with a stack, always tearing it down; exit code 1 when something was lost. */
export async function runDrill(name: string, options: DrillStackOptions, body: (stack: DrillStack) => Promise<boolean>): Promise<void> {
  const started = Date.now();
  ensureBuilds(process.env);
  console.log(`[drill] ${name}: starting throwaway Postgres and Redis, ${new Date().toISOString()}`);
  const stack = await DrillStack.start(name, options);
  let ok = false;
  try {
    ok = await body(stack);
  } catch (err) {
    console.error(`[drill] ${name} broke: ${(err as Error).stack}`);
  } finally {
    await stack.close();
  }
  console.log(`[drill] ${name} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(ok ? 0 : 1);
}

/** Answers by status, plus the slowest, for the drills that count HTTP outcomes. */
export function answerStats(answers: HttpAnswer[]): { byStatus: Record<string, number>; maxMs: number; nonJsonErrors: number } {
  const byStatus: Record<string, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return {
    byStatus,
    maxMs: Math.max(0, ...answers.map((a) => a.ms)),
    nonJsonErrors: answers.filter((a) => a.status >= 400 && !a.isJson).length + (byStatus[0] ?? 0),
  };
}

/** Runs fn over items with `concurrency` in flight; `started()` tells how far it has got. */
export function inParallel<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): { results: Promise<R[]>; started: () => number } {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  return { results: Promise.all(Array.from({ length: concurrency }, lane)).then(() => results), started: () => next };
}

/**
 * Sends the edits as POST /api/transactions; resolves to each edit's answer. `paceMs` spaces
 * each lane's requests, so the edits span a fault instead of finishing before it.
 */
export function sendEdits(client: DrillClient, edits: ReturnType<typeof editBatch>, concurrency = 10, paceMs = 0) {
  return inParallel(edits, concurrency, async (e) => {
    if (paceMs > 0) await sleep(paceMs);
    return client.createTransaction({ date: e.date, description: e.description, amount: toAmount(e.amountMinor) });
  });
}

/** The sum of the edits the web accepted (201). */
export function acceptedEdits(edits: ReturnType<typeof editBatch>, answers: HttpAnswer[]): { count: number; sumMinor: bigint } {
  const kept = edits.filter((_, i) => answers[i].status === 201);
  return { count: kept.length, sumMinor: kept.reduce((s, e) => s + e.amountMinor, 0n) };
}

/** What the database should hold: the accepted edits plus the rows of the accepted uploads. */
export function expectedTotals(
  edits: { count: number; sumMinor: bigint },
  files: { count: number; sumMinor: bigint }[],
): { transactions: number; sumMinor: bigint } {
  return {
    transactions: edits.count + files.reduce((n, f) => n + f.count, 0),
    sumMinor: edits.sumMinor + files.reduce((sum, f) => sum + f.sumMinor, 0n),
  };
}
