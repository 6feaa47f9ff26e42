// bench/redis-idle: what an idle worker costs on a Redis billed per command, and how fast it
// still picks up work. Starts a throwaway redis-server, then for each subject (Bull with its
// default settings on the same nine queues, as the baseline; then the compiled Tallyboard
// worker) it: waits out start-up, counts every command the server runs during an idle window
// (INFO commandstats; commands inside Lua scripts included, so it is an upper bound of what
// Upstash bills) and the connections (CLIENT LIST); then adds 50 jobs one at a time to an
// idle worker (pickup = Bull's processedOn − the job's timestamp) and 10 delayed jobs
// (lateness = processedOn − due time); then 1,000 jobs, counting the commands they cost.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     npm run bench:redis-idle [-- --window 330 --baseline-window 60 --jobs 1000 --no-build]
//
// Goals (issue 12): ≤ 600 commands per idle hour, ≤ 12 connections, pickup median ≤ 100 ms
// and p95 ≤ 250 ms, delayed jobs ≤ 250 ms late. The window should cover the worker's
// blocking-fetch timeout (300 s) to be meaningful; --window 960 also covers a delayed-set guard.
// Works in a scratch Postgres schema (the worker's sweeps need the tables).

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import Queue from "bull";
import Redis from "ioredis";
import { resetEnvCache } from "../lib/env";
import { ALL_BULL_QUEUES, ALL_QUEUES, JOB_QUEUE, QUEUE } from "../lib/jobs/job-names";
import { JOB_DEFINITIONS } from "../lib/worker/job-registry";
import { BENCH_ROOT as ROOT, startBenchStack, WORKER_JS } from "./start-bench-stack";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// The bench's own commands on its admin connection, not the subject's.
const ADMIN_COMMANDS = new Set(["config", "info", "client", "flushall", "ping", "monitor"]);

/** The baseline child: one Bull queue per job type, with Bull's default settings and connections. */
async function runBullDefaults(): Promise<void> {
  const url = process.env.REDIS_URL!;
  for (const name of ALL_QUEUES) {
    const queue = new Queue(name, url, { prefix: process.env.BULL_PREFIX });
    void queue.process("*", JOB_DEFINITIONS[name].concurrency, async () => ({ ok: true }));
  }
  console.log("[bull-defaults] ready");
}

interface Subject {
  label: string;
  /** The Bull queue that carries financial-summary jobs for this subject (pickup and load are measured on it). */
  summaryQueue: string;
  start(env: NodeJS.ProcessEnv): ChildProcess;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function commandStats(admin: Redis): Promise<Map<string, number>> {
  const info = await admin.info("commandstats");
  const stats = new Map<string, number>();
  for (const line of info.split("\r\n")) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (m && !ADMIN_COMMANDS.has(m[1].split("|")[0])) stats.set(m[1], Number(m[2]));
  }
  return stats;
}

const total = (stats: Map<string, number>) => [...stats.values()].reduce((a, b) => a + b, 0);

/** Counts the commands clients send (MONITOR, without those run inside Lua scripts). */
async function startSentCounter(redisUrl: string): Promise<{ reset(): void; sent(): number; stop(): void }> {
  // ioredis's monitor() opens a connection of its own beside the one it is called on.
  const base = new Redis(redisUrl);
  const monitor = await base.monitor();
  base.disconnect();
  let sent = 0;
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    if (source !== "lua" && !ADMIN_COMMANDS.has(String(args[0]).toLowerCase())) sent++;
  });
  return { reset: () => void (sent = 0), sent: () => sent, stop: () => monitor.disconnect() };
}

async function waitForOutput(child: ChildProcess, text: string, timeoutMs: number): Promise<void> {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${out.slice(-2000)}`)), timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}

/** Adds jobs one at a time to the idle worker; Bull's own timestamps give pickup and lateness. */
async function pickup(queue: Queue.Queue, runId: string): Promise<{ immediate: number[]; delayedLate: number[] }> {
  const finished = new Map<string, () => void>();
  await queue.on("global:completed", (jobId: string) => finished.get(jobId)?.());
  await sleep(200);
  const runOne = async (id: string, delay: number) => {
    const done = new Promise<void>((resolve) => finished.set(id, resolve));
    await queue.add(QUEUE.financialSummary, { backgroundJobId: id }, { jobId: id, delay, removeOnComplete: false });
    await done;
    const job = (await queue.getJob(id))!;
    return job.processedOn! - (job.timestamp + delay);
  };
  const immediate: number[] = [];
  for (let i = 0; i < 50; i++) {
    immediate.push(await runOne(`pickup-${runId}-${i}`, 0));
    // Let the worker go back to its blocking fetch.
    await sleep(150);
  }
  const delayedLate: number[] = [];
  for (let i = 0; i < 10; i++) delayedLate.push(await runOne(`delayed-${runId}-${i}`, 1500));
  return { immediate, delayedLate };
}

/** Commands the whole system (adds + processing) runs for `jobs` jobs. */
async function commandsPerJobs(
  admin: Redis,
  counter: Awaited<ReturnType<typeof startSentCounter>>,
  queue: Queue.Queue,
  jobs: number,
  runId: string,
): Promise<{ executed: number; sent: number }> {
  let completed = 0;
  await queue.on("global:completed", () => void completed++);
  await sleep(200);
  await admin.config("RESETSTAT");
  counter.reset();
  // One add per job, as dispatchJob does after each commit.
  for (let i = 0; i < jobs; i++) await queue.add(QUEUE.financialSummary, { backgroundJobId: `load-${runId}-${i}` }, { jobId: `load-${runId}-${i}` });
  while (completed < jobs) await sleep(100);
  await sleep(500);
  return { executed: total(await commandStats(admin)), sent: counter.sent() };
}

interface Figures {
  label: string;
  windowS: number;
  perHour: number;
  sentPerHour: number;
  byCommand: [string, number][];
  connections: number;
  immediate: number[];
  delayedLate: number[];
  perThousandJobs: { executed: number; sent: number };
}

async function measure(subject: Subject, redisUrl: string, env: Record<string, string>, windowS: number, jobs: number): Promise<Figures> {
  const admin = new Redis(redisUrl);
  await admin.flushall();
  const child = subject.start({ ...process.env, ...env, REDIS_URL: redisUrl });
  try {
    await waitForOutput(child, "ready", 60_000);
    // Start-up (script loading, schedules, the first sweep and heartbeat) is not idle cost.
    await sleep(15_000);
    const counter = await startSentCounter(redisUrl);
    await admin.config("RESETSTAT");
    const t0 = Date.now();
    await sleep(windowS * 1000);
    const stats = await commandStats(admin);
    const elapsedS = (Date.now() - t0) / 1000;
    // Less the bench's admin and MONITOR connections.
    const connections = String(await admin.client("LIST")).trim().split("\n").length - 2;
    const scale = 3600 / elapsedS;
    const sentPerHour = Math.round(counter.sent() * scale);
    const byCommand = [...stats.entries()].map(([c, n]) => [c, Math.round(n * scale)] as [string, number]).sort((a, b) => b[1] - a[1]);

    const producer = new Queue(subject.summaryQueue, redisUrl, { prefix: env.BULL_PREFIX });
    const runId = randomBytes(3).toString("hex");
    const { immediate, delayedLate } = await pickup(producer, runId);
    const load = await commandsPerJobs(admin, counter, producer, jobs, runId);
    const perThousandJobs = { executed: Math.round((load.executed * 1000) / jobs), sent: Math.round((load.sent * 1000) / jobs) };
    counter.stop();
    await producer.close();
    return { label: subject.label, windowS: elapsedS, perHour: Math.round(total(stats) * scale), sentPerHour, byCommand, connections, immediate, delayedLate, perThousandJobs };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    admin.disconnect();
  }
}

function report(f: Figures): void {
  const im = [...f.immediate].sort((a, b) => a - b);
  const late = [...f.delayedLate].sort((a, b) => a - b);
  console.log(`\n== ${f.label} (idle window ${Math.round(f.windowS)} s)`);
  console.log(
    `commands per idle hour: ${f.perHour} run by Redis, Lua scripts' inner commands included (≈ ${Math.round((f.perHour * 24 * 30) / 1000)}k a month); ${f.sentPerHour} sent by clients`,
  );
  console.log(`connections: ${f.connections}`);
  console.log(`by command (per hour): ${f.byCommand.map(([c, n]) => `${c} ${n}`).join(", ") || "none"}`);
  console.log(`pickup, 50 immediate jobs: median ${percentile(im, 50)} ms, p95 ${percentile(im, 95)} ms, max ${im[im.length - 1]} ms`);
  console.log(`delayed jobs (1.5 s), lateness: median ${percentile(late, 50)} ms, max ${late[late.length - 1]} ms`);
  console.log(`commands per 1,000 jobs (add + process, one add per job): ${f.perThousandJobs.executed} run, ${f.perThousandJobs.sent} sent`);
}

async function main(): Promise<void> {
  if (process.argv.includes("--bull-defaults-child")) return runBullDefaults();

  const windowS = arg("window", 330);
  const baselineWindowS = arg("baseline-window", 60);
  const jobs = arg("jobs", 1000);
  const stack = await startBenchStack("idle");
  const { databaseUrl, redis } = stack;
  Object.assign(process.env, { DATABASE_URL: databaseUrl });
  resetEnvCache();
  const env = { DATABASE_URL: databaseUrl, BULL_PREFIX: stack.prefix, LOG_LEVEL: "info" };
  const subjects: [Subject, number][] = [
    [
      {
        label: `Bull 4 default settings, one queue per job type: ${ALL_QUEUES.length} queues (baseline)`,
        summaryQueue: QUEUE.financialSummary,
        start: (e) => spawn(process.execPath, ["--import", "tsx", __filename, "--bull-defaults-child"], { cwd: ROOT, env: e, stdio: ["ignore", "pipe", "pipe"] }),
      },
      baselineWindowS,
    ],
    [
      {
        label: `Tallyboard worker (dist/scripts), all ${ALL_QUEUES.length} job types on ${ALL_BULL_QUEUES.length} Bull queues`,
        summaryQueue: JOB_QUEUE[QUEUE.financialSummary],
        start: (e) => spawn(process.execPath, [WORKER_JS], { cwd: ROOT, env: e, stdio: ["ignore", "pipe", "pipe"] }),
      },
      windowS,
    ],
  ];
  try {
    console.log(`redis-server ${redis.port}; windows: baseline ${baselineWindowS} s, worker ${windowS} s; ${new Date().toISOString()}`);
    for (const [subject, window] of subjects) report(await measure(subject, redis.url, env, window, jobs));
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
