import { randomBytes } from "node:crypto";
import { applyMigrations, dropSchema } from "../../lib/migrate/apply-migrations";
import { DEFAULT_DATABASE_URL, withSchemaParam } from "../../lib/migrate/schema-engine";

// A private Postgres schema per integration test file, migrated with the real migrations
// (prisma/migrations/*/migration.sql through Prisma's schema engine, exactly like
// `npm run db:migrate`; about 0.1-0.3 s per schema).
//
//   const testDb = await createTestDatabase("jobs");   // in beforeAll
//   process.env.DATABASE_URL = testDb.url;              // or createPrismaClient(testDb.url)
//   await testDb.drop();                                // in afterAll

export interface TestDatabase {
  /** The base URL with `?schema=<schema>`; lib/db.ts turns that into the search_path. */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. Safe to call twice. */
  drop(): Promise<void>;
}

export function testDatabaseBaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const base = testDatabaseBaseUrl();
  const safePrefix =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 30) || "test";
  const schema = `t_${safePrefix}_${randomBytes(5).toString("hex")}`;
  const url = withSchemaParam(base, schema);
  try {
    await applyMigrations(url);
  } catch (error) {
    await dropSchema(base, schema).catch(() => {});
    throw error;
  }
  let dropped: Promise<void> | undefined;
  return {
    url,
    schema,
    drop() {
      dropped ??= dropSchema(base, schema);
      return dropped;
    },
  };
}
