import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { env } from "./env";

// Every Postgres connection of the process comes from here: one Prisma client (db()) for the
// domain, and two pg pools for the hot paths that Prisma would slow down (jobStatePool() for
// the job system's bookkeeping, importPool() for an import's bulk statements). All three are
// made by pgPoolConfig(), the one place a `?schema=` becomes the connection's search_path.
// Kept on globalThis so dev hot reload reuses them.

const globalForDb = globalThis as unknown as {
  tallyboardPrisma?: PrismaClient;
  tallyboardPools?: Map<string, { pool: pg.Pool; url: string }>;
};

/**
 * Splits a `?schema=` parameter off a Postgres URL. The schema becomes the connection's
 * search_path, so Prisma's queries and our raw SQL both land in it (tests use one per file).
 */
export function parseDatabaseUrl(url: string): { connectionString: string; schema?: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

export interface PoolSpec {
  max: number;
  /** Session settings (`-c key=value`), after the search_path. */
  settings?: Record<string, string>;
  idleTimeoutMillis?: number;
  /** Lets a script or test process end without closing the pool by hand. */
  allowExitOnIdle?: boolean;
  /** One socket write per statement (see OneWriteSocket): for pools on a request's or a job's critical path. */
  oneWrite?: boolean;
}

/** The pg pool settings for `url` (its `?schema=` as search_path) and `spec`. */
export function pgPoolConfig(url: string, spec: PoolSpec): pg.PoolConfig {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const settings = { ...(schema ? { search_path: `"${schema.replace(/"/g, "")}"` } : {}), ...spec.settings };
  const options = Object.entries(settings)
    .map(([key, value]) => `-c ${key}=${value}`)
    .join(" ");
  return {
    connectionString,
    max: spec.max,
    options: options || undefined,
    ...(spec.idleTimeoutMillis !== undefined ? { idleTimeoutMillis: spec.idleTimeoutMillis } : {}),
    ...(spec.allowExitOnIdle ? { allowExitOnIdle: true } : {}),
    ...(spec.oneWrite ? { stream: () => new OneWriteSocket() } : {}),
  };
}

export function createPrismaClient(url: string, poolMax = 10, settings: Record<string, string> = {}): PrismaClient {
  const { schema } = parseDatabaseUrl(url);
  // One write per statement here too: every request's statements go through this pool
  // (POST /api/transactions sends seven, its session read one more).
  const adapter = new PrismaPg(pgPoolConfig(url, { max: poolMax, settings, oneWrite: true }), schema ? { schema } : undefined);
  return new PrismaClient({ adapter });
}

// Prisma's "cannot reach / lost the server" codes, the driver adapter's kinds for the same, and
// what pg and Postgres say when the server is down, restarting or shutting down.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "53300"]);
// pg's "not queryable" is a pooled connection that broke while the server went away, reused by
// a transaction (seen in the postgres-blip drill as four 500s among 600 edits).
const UNREACHABLE_TEXT =
  /Can't reach database server|Connection terminated|server closed the connection|terminating connection|connection error and is not queryable/i;

/** Whether an error means the database is unreachable for now (not a bug, not bad input). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const x = e as { code?: unknown; kind?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; cause?: unknown };
    if (typeof x.code === "string" && (UNREACHABLE_PRISMA_CODES.has(x.code) || UNREACHABLE_CODES.has(x.code))) return true;
    if (typeof x.kind === "string" && UNREACHABLE_KINDS.has(x.kind)) return true;
    if (typeof x.message === "string" && UNREACHABLE_TEXT.test(x.message)) return true;
    e = x.meta?.driverAdapterError?.cause ?? x.cause;
  }
  return false;
}

export function db(): PrismaClient {
  globalForDb.tallyboardPrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForDb.tallyboardPrisma;
}

/**
 * A named pg pool on DATABASE_URL, made on first use. Tests move DATABASE_URL to their own
 * schema: a pool made for another URL is replaced.
 */
function sharedPool(name: string, spec: PoolSpec): pg.Pool {
  const url = env().DATABASE_URL;
  const pools = (globalForDb.tallyboardPools ??= new Map());
  const existing = pools.get(name);
  if (existing?.url === url) return existing.pool;
  if (existing) void existing.pool.end().catch(() => undefined);
  const pool = new pg.Pool(pgPoolConfig(url, spec));
  // Without a listener an idle client's error would crash the process; the next query sees it.
  pool.on("error", () => undefined);
  pools.set(name, { pool, url });
  return pool;
}

/**
 * The job system's own bookkeeping (a job's claim, progress, completion) runs on every job,
 * so it uses the pg driver directly: 0.42 ms per statement here against 0.82 ms through
 * Prisma, most of the difference CPU time in the worker (bench/jobs). Its commits do not
 * wait for the disk (synchronous_commit=off): visibility is unchanged, only durability is
 * deferred by well under a second, and any later durable commit flushes it too (the WAL is
 * written in order). A state write lost in a database crash is repaired by the reconciler's
 * sweep, which runs the job again (every processor is idempotent). The outbox row and all
 * domain data go through db(), fully durable.
 */
export function jobStatePool(): pg.Pool {
  return sharedPool("job-state", { max: 5, settings: { synchronous_commit: "off" }, oneWrite: true });
}

/**
 * An import's bulk statements (file slices, batch inserts with arrays of thousands of values,
 * COPY) go through the pg driver directly: Prisma's raw queries would copy every array through
 * its adapter a second time. Commits here do not wait for the disk (synchronous_commit=off):
 * an import writes hundreds of batches and every one of them is idempotent (conflict-ignoring
 * inserts, deletes by importId). The run ends with a durable commit through db() (the import
 * marked completed, failed or undone), and a durable commit flushes all WAL before it, so
 * nothing the run reports as done can be lost; a crash before that end only means the job
 * runs again.
 */
export function importPool(): pg.Pool {
  return sharedPool("import", { max: 6, settings: { synchronous_commit: "off" }, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
}

/**
 * pg sends a parameterized statement as five protocol messages (parse, bind, describe, execute,
 * sync), corked, so Node flushes them with one writev of five buffers. On this machine such a
 * writev costs about 15 times a plain write of the same bytes (bench/jobs: 23 % of the worker's
 * CPU went to it). This socket joins the buffers and makes one write instead.
 */
class OneWriteSocket extends net.Socket {
  override _writev(chunks: Array<{ chunk: Buffer | string; encoding: BufferEncoding }>, callback: (error?: Error | null) => void): void {
    const buffers = chunks.map(({ chunk, encoding }) => (typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk));
    this._write(Buffer.concat(buffers), "buffer" as BufferEncoding, callback);
  }
}

/** Closes the Prisma client and every pool. */
export async function disconnectDb(): Promise<void> {
  const pools = [...(globalForDb.tallyboardPools?.values() ?? [])];
  globalForDb.tallyboardPools?.clear();
  const prisma = globalForDb.tallyboardPrisma;
  globalForDb.tallyboardPrisma = undefined;
  await Promise.all([prisma?.$disconnect(), ...pools.map(({ pool }) => pool.end())]);
}

export type { PrismaClient };

/** A Prisma interactive transaction: domain writes and their job rows commit together. */
export type Tx = Prisma.TransactionClient;
