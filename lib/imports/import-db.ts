import pg from "pg";
import { parseDatabaseUrl } from "../db";
import { env } from "../env";

// The import's bulk statements (file slices, batch inserts with arrays of thousands of values,
// COPY) go through the pg driver directly: Prisma's raw queries would copy every array through
// its adapter a second time. Fully durable commits, like all domain data. allowExitOnIdle lets
// a script or test process end without closing the pool by hand.

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
      options: schema ? `-c search_path="${schema.replace(/"/g, "")}"` : undefined,
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
