// npm run dev
//
// One command for local development:
//   1. a Postgres and a Redis (scripts/local-stack.ts: started here unless DATABASE_URL /
//      REDIS_URL are set; data in .data/, kept between runs);
//   2. npm run db:migrate, then npm run db:seed (demo user + ~6 months of transactions);
//   3. next dev on PORT (default 3000) and the worker (tsx watch), their output prefixed
//      [web] and [worker].
// Ctrl-C stops both (their whole process groups), then the Postgres/Redis started here.
// If either dies, everything is stopped and this exits non-zero with the reason.
// POSIX only (process groups).

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { loadEnvConfig } from "@next/env";
import { redactUrl } from "../lib/migrate/schema-engine";
import { findProjectRoot, isPortOpen as isPortOpenAt, startLocalStack, type LocalStack } from "./local-stack";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../lib/users/seed-demo-user";

const root = findProjectRoot(process.cwd());
// Only a NEXTAUTH_URL from the real environment overrides http://localhost:PORT (a .env copied
// from .env.example holds the production one).
const NEXTAUTH_URL_FROM_ENV = process.env.NEXTAUTH_URL;
// .env.development.local, .env.local, .env.development, .env (as next dev reads them), so a
// DATABASE_URL or REDIS_URL there is honoured here too. Real environment variables win.
loadEnvConfig(root, true, { info: () => undefined, error: (...args: unknown[]) => console.error(...args) });

const PORT = parsePort(process.env.PORT ?? "3000");
const GRACE_MS = 15_000; // how long web/worker get to stop after SIGTERM before SIGKILL
const WORKER_SCRIPT = "scripts/processFinancialSummaryQueue.ts";

const tty = Boolean(process.stdout.isTTY);
const paint = (code: number, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const COLORS: Record<string, number> = { dev: 1, stack: 32, migrate: 33, seed: 33, web: 36, worker: 35 };
const PAD = Math.max(...Object.keys(COLORS).map((n) => n.length)) + 2;
const prefix = (name: string) => paint(COLORS[name] ?? 37, `[${name}]`.padEnd(PAD));
const say = (line: string) => console.log(`${prefix("dev")} ${line}`);

// ---------------------------------------------------------------------------------------
// Children

interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited: boolean;
  /** An expected exit (a step that finishes, or during shutdown). */
  expectExit: boolean;
}

const children = new Set<Managed>();
let shuttingDown = false;
let stackPromise: Promise<LocalStack> | undefined;

function startChild(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Managed {
  const child = spawn(command, args, {
    cwd: root,
    env,
    // Its own process group: Ctrl-C reaches us only, and we stop the whole group (next dev
    // and tsx watch both run grandchildren).
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const managed: Managed = {
    name,
    child,
    hasExited: false,
    expectExit: false,
    exited: new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        managed.hasExited = true;
        resolve({ code, signal });
      });
      child.once("error", (err) => {
        console.error(`${prefix(name)} failed to start ${command}: ${err.message}`);
        managed.hasExited = true;
        resolve({ code: 127, signal: null });
      });
    }),
  };
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    if (!stream) continue;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      onLine?.(line);
      out.write(`${prefix(name)} ${formatLine(line)}\n`);
    });
  }
  // Stays in `children` after it exits, until its whole group is known to be gone: an
  // orphaned grandchild (next-server) must still be stopped.
  children.add(managed);
  void managed.exited.then(({ code, signal }) => {
    if (!managed.expectExit && !shuttingDown) {
      void shutdown(`${name} exited unexpectedly (${describeExit(code, signal)})`, 1);
    }
  });
  return managed;
}

/** Runs a one-shot step (migrate, seed) to completion; throws on failure. */
async function runStep(name: string, npmScript: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<void> {
  const started = Date.now();
  const npm = process.env.npm_execpath ? process.execPath : "npm";
  const npmArgs = process.env.npm_execpath ? [process.env.npm_execpath] : [];
  const step = startChild(name, npm, [...npmArgs, "run", "--silent", npmScript, ...(args.length ? ["--", ...args] : [])], env);
  step.expectExit = true;
  const { code, signal } = await step.exited;
  if (shuttingDown) throw new ShutdownInProgress();
  await stopChild(step, 2000); // anything it left running in its group
  children.delete(step);
  if (code !== 0) throw new Error(`npm run ${npmScript} failed (${describeExit(code, signal)})`);
  say(`${npmScript} done in ${Date.now() - started} ms`);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM to the child's whole process group; SIGKILL after graceMs (0: at once). */
async function stopChild(m: Managed, graceMs: number): Promise<void> {
  m.expectExit = true;
  const pid = m.child.pid;
  if (!pid || (m.hasExited && !groupAlive(pid))) return;
  if (graceMs > 0) {
    signalGroup(pid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while ((!m.hasExited || groupAlive(pid)) && Date.now() < deadline) await sleep(100);
  }
  if (!m.hasExited || groupAlive(pid)) {
    if (graceMs > 0) say(`${m.name} did not stop within ${graceMs / 1000} s; killing it`);
    signalGroup(pid, "SIGKILL");
    const deadline = Date.now() + 5000;
    while ((!m.hasExited || groupAlive(pid)) && Date.now() < deadline) await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------
// Shutdown

class ShutdownInProgress extends Error {}

let forceKill = false;

async function shutdown(reason: string, exitCode: number): Promise<never> {
  if (shuttingDown) {
    // Second Ctrl-C: stop waiting for graceful exits.
    forceKill = true;
    return new Promise<never>(() => undefined);
  }
  shuttingDown = true;
  if (exitCode === 0) say(`${reason}: stopping…`);
  else {
    for (const line of reason.split("\n")) console.error(`${prefix("dev")} ${paint(31, line)}`);
    say("stopping everything");
  }

  const running = [...children];
  await Promise.all(
    running.map(async (m) => {
      const grace = setInterval(() => {
        if (forceKill && m.child.pid) signalGroup(m.child.pid, "SIGKILL");
      }, 100);
      try {
        await stopChild(m, forceKill ? 0 : GRACE_MS);
      } finally {
        clearInterval(grace);
      }
    }),
  );

  // A failed start cleaned up after itself and was reported as the reason already.
  const stack = await stackPromise?.catch(() => undefined);
  if (stack) {
    await stack.stop().catch((err: Error) => console.error(`${prefix("dev")} stopping Postgres/Redis: ${err.message}`));
  }
  if (exitCode === 0) say("stopped");
  process.exit(exitCode);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => void shutdown(`${signal === "SIGINT" ? "Ctrl-C" : signal}`, 0));
}
process.on("uncaughtException", (err) => void shutdown(`internal error: ${err.stack ?? err.message}`, 1));
process.on("unhandledRejection", (err) => void shutdown(`internal error: ${String((err as Error)?.stack ?? err)}`, 1));

// ---------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const t0 = Date.now();
  if (await isPortOpen(PORT)) {
    throw new Error(
      `Port ${PORT} is already in use (another \`npm run dev\` or next dev still running?). ` +
        `Stop it, or run on another port: PORT=${PORT + 1} npm run dev`,
    );
  }

  stackPromise = startLocalStack({ rootDir: root, log: (line) => console.log(`${prefix("stack")} ${line}`) });
  const stack = await stackPromise;
  if (shuttingDown) throw new ShutdownInProgress();

  const nextAuthUrl = NEXTAUTH_URL_FROM_ENV || `http://localhost:${PORT}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stack.env,
    NEXTAUTH_URL: nextAuthUrl,
    PORT: String(PORT),
    // The sign-in page shows this hint; production leaves it unset.
    NEXT_PUBLIC_DEMO_LOGIN: process.env.NEXT_PUBLIC_DEMO_LOGIN ?? `${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
    ...(tty && !process.env.NO_COLOR ? { FORCE_COLOR: "1" } : {}),
  };

  await runStep("migrate", "db:migrate", env);
  await runStep("seed", "db:seed", env);
  // The demo user is an admin locally, so the queue monitor is there to look at.
  if (!process.env.ADMIN_EMAILS) await runStep("admin", "admin", env, ["grant", DEMO_EMAIL]);
  if (shuttingDown) throw new ShutdownInProgress();

  // Web and worker.
  let workerReady!: () => void;
  const workerReadyP = new Promise<void>((resolve) => (workerReady = resolve));
  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  const web = startChild("web", bin("next"), ["dev", "--port", String(PORT)], env);
  startChild(
    "worker",
    bin("tsx"),
    ["watch", "--clear-screen=false", WORKER_SCRIPT],
    { ...env, TALLYBOARD_SERVICE: "worker" },
    (line) => {
      if (line.includes("[worker] ready")) workerReady();
    },
  );

  // Up = next dev accepts connections, and the worker said "[worker] ready".
  await waitFor(() => isPortOpen(PORT), () => web.hasExited);
  const workerTimeout = sleep(60_000).then(() => "timeout" as const);
  if ((await Promise.race([workerReadyP.then(() => "ready" as const), workerTimeout])) === "timeout") {
    say(`the worker has not reported "[worker] ready" after 60 s; see its output above`);
  }
  if (shuttingDown) return;
  printBanner(stack, nextAuthUrl, Date.now() - t0);
}

function printBanner(stack: LocalStack, url: string, ms: number): void {
  const rel = (p?: string) => (p ? path.relative(root, p) || p : "");
  const pg =
    stack.postgres.source === "env"
      ? `${redactUrl(stack.databaseUrl)} (from DATABASE_URL)`
      : `${redactUrl(stack.databaseUrl)}  data: ${rel(stack.postgres.dataDir)}/  log: ${rel(stack.postgres.logFile)}` +
        (stack.postgres.source === "reused" ? "  (was already running; left running on exit)" : "");
  const redis =
    stack.redis.source === "env"
      ? `${redactUrl(stack.redisUrl)} (from REDIS_URL)`
      : `${stack.redisUrl}  data: ${rel(stack.redis.dataDir)}/  log: ${rel(stack.redis.logFile)}` +
        (stack.redis.source === "reused" ? "  (was already running; left running on exit)" : "");
  const rule = paint(2, "─".repeat(72));
  const lines = [
    "",
    rule,
    `  ${paint(1, "Tallyboard is running")}  (ready in ${(ms / 1000).toFixed(1)} s)`,
    "",
    `  App        ${paint(1, url)}`,
    `  Sign in    ${DEMO_EMAIL}  /  ${DEMO_PASSWORD}`,
    `  Postgres   ${pg}`,
    `  Redis      ${redis}`,
    `  Secrets    ${rel(stack.dataDir)}/nextauth-secret, ${rel(stack.dataDir)}/cron-secret (unless set in the env)`,
    `  Worker     ${WORKER_SCRIPT} (restarts when its files change)`,
    "",
    `  ${paint(1, "Ctrl-C to stop")}`,
    rule,
    "",
  ];
  console.log(lines.join("\n"));
}

main().catch((err: unknown) => {
  if (err instanceof ShutdownInProgress || shuttingDown) return;
  void shutdown((err as Error).message ?? String(err), 1);
});

// ---------------------------------------------------------------------------------------
// Helpers

const LEVELS: Record<number, [string, number]> = {
  10: ["TRACE", 2],
  20: ["DEBUG", 2],
  30: ["INFO ", 32],
  40: ["WARN ", 33],
  50: ["ERROR", 31],
  60: ["FATAL", 31],
};
const HIDDEN_KEYS = new Set(["level", "time", "pid", "hostname", "msg", "service", "v"]);

/** pino JSON lines become "INFO  message {extra}"; anything else passes through. */
function formatLine(line: string): string {
  if (!line.startsWith("{") || !line.endsWith("}")) return line;
  try {
    const rec = JSON.parse(line) as Record<string, unknown>;
    if (typeof rec.level !== "number" || !("msg" in rec)) return line;
    const [name, color] = LEVELS[rec.level] ?? [String(rec.level), 0];
    const extra = Object.fromEntries(Object.entries(rec).filter(([k]) => !HIDDEN_KEYS.has(k)));
    const tail = Object.keys(extra).length ? ` ${paint(2, JSON.stringify(extra))}` : "";
    return `${paint(color, name)} ${String(rec.msg)}${tail}`;
  } catch {
    return line;
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT=${value} is not a port number`);
    process.exit(1);
  }
  return port;
}

/** Whether anything listens on the port, over IPv4 or IPv6 (next dev may bind either). */
async function isPortOpen(port: number): Promise<boolean> {
  return (await isPortOpenAt(port, "127.0.0.1")) || (await isPortOpenAt(port, "::1"));
}

async function waitFor(ready: () => Promise<boolean>, failed: () => boolean): Promise<void> {
  for (;;) {
    if (failed() || shuttingDown) throw new ShutdownInProgress();
    if (await ready()) return;
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
