import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

// One Prisma client per process, kept on globalThis so dev hot reload reuses it.

const globalForDb = globalThis as unknown as { tallyboardPrisma?: PrismaClient; tallyboardJobStatePool?: pg.Pool };

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

export function createPrismaClient(url: string, poolMax = 10, settings: Record<string, string> = {}): PrismaClient {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const options = Object.entries({ ...(schema ? { search_path: `"${schema.replace(/"/g, "")}"` } : {}), ...settings })
    .map(([key, value]) => `-c ${key}=${value}`)
    .join(" ");
  const adapter = new PrismaPg(
    {
      connectionString,
      max: poolMax,
      options: options || undefined,
    },
    schema ? { schema } : undefined,
  );
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
  if (!globalForDb.tallyboardJobStatePool) {
    const { connectionString, schema } = parseDatabaseUrl(env().DATABASE_URL);
    const search = schema ? `-c search_path="${schema.replace(/"/g, "")}" ` : "";
    globalForDb.tallyboardJobStatePool = new pg.Pool({
      connectionString,
      max: 5,
      options: `${search}-c synchronous_commit=off`,
      stream: () => new OneWriteSocket(),
    });
    globalForDb.tallyboardJobStatePool.on("error", () => undefined);
  }
  return globalForDb.tallyboardJobStatePool;
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

export async function disconnectDb(): Promise<void> {
  await Promise.all([globalForDb.tallyboardPrisma?.$disconnect(), globalForDb.tallyboardJobStatePool?.end()]);
  globalForDb.tallyboardPrisma = undefined;
  globalForDb.tallyboardJobStatePool = undefined;
}

export type { PrismaClient };
