// bench/api: the web side of a job. POST /api/transactions (a transaction, its BackgroundJob
// row and the Bull add) against a bare authenticated read (GET /api/transactions?limit=1),
// both against `next start` in the same run: at 64 connections (throughput) and at a fixed
// 50 requests/s (latency). Then counts the Redis connections the web instance opened, on a
// throwaway redis-server that nothing else uses.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     flock /tmp/tallyboard-heavy.lock npm run bench:api [-- --duration 10 --connections 64 --users 8 --no-build --port 3000]
//
// Goals (issue 12): POST ≥ 0.7× the read's throughput at 64 connections; p99 ≤ 50 ms at
// 50 requests/s; a web instance opens no subscriber or blocking connection.
// --no-build reuses the existing .next build. No worker runs: this is the web's cost.
// --users: the requests go to that many signed-in users in turn (default 8; 1 reproduces one
// person's burst, every request queued on the same row).

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import Redis from "ioredis";
import { registerUser } from "../lib/auth/users";
import { disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../lib/users/seed-demo-user";
import { freePort, TestRedisServer } from "../tests/helpers/redis-server";

const ROOT = path.resolve(__dirname, "..");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const DURATION_S = arg("duration", 10);
const CONNECTIONS = arg("connections", 64);
const FIXED_RATE = arg("rate", 50);
// Real traffic comes from many people; one user's requests all queue on that user's row.
const USERS = arg("users", 8);
// --port or BENCH_PORT: the port of `next start` (default: a free one).
const PORT = arg("port", Number(process.env.BENCH_PORT) || 0);

function runOrThrow(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** Cookies from Set-Cookie headers, merged into a jar. */
function keepCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** next-auth's credentials sign-in: csrf, then the callback; returns the session cookies. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keepCookies(jar, csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keepCookies(jar, res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return cookieHeader(jar);
}

async function waitForServer(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Answers by HTTP status, e.g. "201×240 503×3". */
  statuses: string;
}

async function load(opts: autocannon.Options): Promise<Run> {
  const result = await autocannon({ duration: DURATION_S, ...opts });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statuses: Object.entries(result.statusCodeStats ?? {})
      .map(([code, stat]) => `${code}×${stat.count ?? 0}`)
      .join(" "),
  };
}

interface PacedRun {
  rate: number;
  sent: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: string;
}

/**
 * An open-loop load at an even pace: request i is due at start + i / rate, whatever the earlier
 * ones are doing, and its latency counts from when it was due (so a late send, ours or the
 * server's, counts against it: no coordinated omission). This is what "a fixed 50 requests/s"
 * means. autocannon's overallRate is not that: each connection sends its share of a second's
 * requests back to back when the second starts, then waits (httpClient.js, reqsMadeThisSecond),
 * so 10 connections at 50/s send 10 concurrent bursts of 5 each second; and its coordinated-
 * omission correction takes 1/rate in seconds as the interval in ms (1 ms), which records a
 * 100-ms answer as 100 samples.
 */
async function paced(origin: string, cookies: string[], request: { method: "GET" | "POST"; path: string; body?: string }, rate: number): Promise<PacedRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(origin);
  const total = Math.round(rate * DURATION_S);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const one = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: { cookie: cookies[i % cookies.length], ...(request.body ? { "content-type": "application/json" } : {}) },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            resolve();
          });
        },
      );
      req.on("error", () => {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        resolve();
      });
      req.end(request.body);
    });
  const start = performance.now() + 50;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one(i, due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) / 10;
  return {
    rate,
    sent: total,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: Math.round(latencies[latencies.length - 1] ?? 0),
    statuses: [...statuses].map(([code, n]) => `${code}×${n}`).join(" "),
  };
}

const showPaced = (label: string, r: PacedRun) =>
  console.log(`${label.padEnd(44)} ${r.sent} sent  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms  statuses ${r.statuses}`);

/** Each request of a run as the next of the signed-in users, in turn. */
function asUsers(cookies: string[], request: { method?: "GET" | "POST"; path: string; body?: string; json?: boolean }): autocannon.Options["requests"] {
  let next = 0;
  return [
    {
      method: request.method ?? "GET",
      path: request.path,
      body: request.body,
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, cookie: cookies[next++ % cookies.length], ...(request.json ? { "content-type": "application/json" } : {}) },
      }),
    },
  ];
}

/** The demo user and USERS - 1 more, registered through the app's own function. */
async function registerBenchUsers(databaseUrl: string): Promise<{ email: string; password: string }[]> {
  process.env.DATABASE_URL = databaseUrl;
  resetEnvCache();
  const users = [{ email: DEMO_EMAIL, password: DEMO_PASSWORD }];
  for (let i = 1; i < USERS; i++) {
    const user = { email: `bench-${i}@tallyboard.test`, password: `bench-password-${i}` };
    await registerUser({ ...user, name: `Bench ${i}` });
    users.push(user);
  }
  await disconnectDb();
  return users;
}

const show = (label: string, r: Run) =>
  console.log(`${label.padEnd(44)} ${String(r.rps).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  statuses ${r.statuses}`);

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_api_${id}`;
  const redis = new TestRedisServer(await freePort());
  await redis.start();
  const port = PORT || (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: withSchemaParam(base, schema),
    REDIS_URL: redis.url,
    BULL_PREFIX: `bench-api-${id}`,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    RATE_LIMIT_PER_MINUTE: "0",
    LOG_LEVEL: "warn",
  };
  if (!process.argv.includes("--no-build")) runOrThrow("npx", ["next", "build"], env);
  await applyMigrations(env.DATABASE_URL!);
  runOrThrow(process.execPath, ["--import", "tsx", "scripts/seed.ts"], env);
  const users = await registerBenchUsers(env.DATABASE_URL!);

  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: ROOT, env, stdio: "ignore", detached: true });
  const admin = new Redis(redis.url);
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForServer(`${origin}/api/health`);
    const cookies: string[] = [];
    for (const user of users) cookies.push(await signIn(origin, user.email, user.password));
    const read = { url: origin, requests: asUsers(cookies, { path: "/api/transactions?limit=1" }) };
    const today = new Date().toISOString().slice(0, 10);
    const body = JSON.stringify({ date: today, description: "Bench coffee", amount: "-3.20" });
    const write = { url: origin, requests: asUsers(cookies, { method: "POST", path: "/api/transactions", body, json: true }) };
    const probe = await fetch(`${origin}/api/transactions`, {
      method: "POST",
      headers: { cookie: cookies[0], "content-type": "application/json" },
      body,
    });
    if (probe.status !== 201) throw new Error(`POST /api/transactions answered ${probe.status}: ${await probe.text()}`);

    // Warm both paths (JIT, Prisma's pool, the Bull queue) before measuring.
    await load({ ...read, connections: 8, duration: 3 });
    await load({ ...write, connections: 8, duration: 3 });

    console.log(`next start, ${CONNECTIONS} connections, ${USERS} users in turn, ${DURATION_S} s each; ${new Date().toISOString()}`);
    const readRun = await load({ ...read, connections: CONNECTIONS });
    const writeRun = await load({ ...write, connections: CONNECTIONS });
    show(`GET /api/transactions?limit=1 (${CONNECTIONS} conn)`, readRun);
    show(`POST /api/transactions (${CONNECTIONS} conn)`, writeRun);
    console.log(`throughput ratio POST / GET: ${(writeRun.rps / readRun.rps).toFixed(2)} (goal >= 0.7)`);

    // The fixed rate twice: evenly paced (the goal's measure), and autocannon's overallRate as
    // earlier runs took it (bursts at each second's start; see paced()).
    const readPaced = await paced(origin, cookies, { method: "GET", path: "/api/transactions?limit=1" }, FIXED_RATE);
    const writePaced = await paced(origin, cookies, { method: "POST", path: "/api/transactions", body }, FIXED_RATE);
    const readFixed = await load({ ...read, connections: 10, overallRate: FIXED_RATE });
    const writeFixed = await load({ ...write, connections: 10, overallRate: FIXED_RATE });
    showPaced(`GET at ${FIXED_RATE} req/s, evenly paced`, readPaced);
    showPaced(`POST at ${FIXED_RATE} req/s, evenly paced`, writePaced);
    show(`GET, autocannon overallRate ${FIXED_RATE}`, readFixed);
    show(`POST, autocannon overallRate ${FIXED_RATE}`, writeFixed);
    console.log(`POST p99 at ${FIXED_RATE} req/s evenly paced: ${writePaced.p99} ms (goal <= 50)`);

    // Everything on this redis-server but our admin connection is the web instance's.
    const clients = String(await admin.client("LIST")).trim().split("\n").filter((line) => !line.includes(" cmd=client|list"));
    const flags = clients.map((line) => /cmd=(\S+)/.exec(line)?.[1] ?? "?");
    console.log(`Redis connections of the web instance: ${clients.length} (last commands: ${flags.join(", ")})`);
  } finally {
    admin.disconnect();
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await redis.stop();
    await dropSchema(base, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
