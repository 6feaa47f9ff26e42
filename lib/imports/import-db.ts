import pg from "pg";
import { parseDatabaseUrl } from "../db";
import { env } from "../env";

// The import's bulk statements (file slices, batch inserts with arrays of thousands of values,
// COPY) go through the pg driver directly: Prisma's raw queries would copy every array through
// its adapter a second time. allowExitOnIdle lets a script or test process end without closing
// the pool by hand.
//
// Commits here do not wait for the disk (synchronous_commit=off): an import writes hundreds of
// batches and every one of them is idempotent (conflict-ignoring inserts, deletes by importId).
// The run ends with a durable commit through db() (the import marked completed, failed or
// undone), and a durable commit flushes all WAL before it, so nothing the run reports as done
// can be lost; a crash before that end only means the job runs again.

const globalForImports = globalThis as unknown as { tallyboardImportPool?: pg.Pool; tallyboardImportPoolUrl?: string };

export function importPool(): pg.Pool {
  const url = env().DATABASE_URL;
  // Tests move DATABASE_URL to their own schema: a pool made for another URL is replaced.
  if (globalForImports.tallyboardImportPool && globalForImports.tallyboardImportPoolUrl !== url) {
    void globalForImports.tallyboardImportPool.end().catch(() => undefined);
    globalForImports.tallyboardImportPool = undefined;
  }
  if (!globalForImports.tallyboardImportPool) {
    const { connectionString, schema } = parseDatabaseUrl(url);
    const pool = new pg.Pool({
      connectionString,
      max: 6,
      allowExitOnIdle: true,
      idleTimeoutMillis: 10_000,
      options: `${schema ? `-c search_path="${schema.replace(/"/g, "")}" ` : ""}-c synchronous_commit=off`,
    });
    pool.on("error", () => undefined);
    globalForImports.tallyboardImportPool = pool;
    globalForImports.tallyboardImportPoolUrl = url;
  }
  return globalForImports.tallyboardImportPool;
}

export async function closeImportPool(): Promise<void> {
  const pool = globalForImports.tallyboardImportPool;
  globalForImports.tallyboardImportPool = undefined;
  await pool?.end();
}
