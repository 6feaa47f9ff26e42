import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyMigrations,
  diffSchemaAgainstMigrations,
  dropSchema,
  listMigrations,
  scratchSchemaName,
} from "../../lib/migrate/apply-migrations";
import { withSchemaParam } from "../../lib/migrate/schema-engine";
import { createTestDatabase } from "../helpers/test-database";

// schema.prisma and prisma/migrations must describe the same database. When this fails,
// run `npm run db:migration:new -- <name>` and commit the migration it writes.

const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";

let client: pg.Client;

beforeAll(async () => {
  const parsed = new URL(baseUrl);
  parsed.searchParams.delete("schema");
  client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
});

async function schemaExists(schema: string): Promise<boolean> {
  const r = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return r.rowCount === 1;
}

async function tablesIn(schema: string): Promise<string[]> {
  const r = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
    [schema],
  );
  return r.rows.map((row) => row.table_name);
}

describe("database migrations", () => {
  it("has at least one migration, none tied to a particular Postgres schema", async () => {
    const migrations = await listMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) {
      // Tests apply these into per-file schemas; a hard-wired schema would escape them.
      expect(m.sql, m.name).not.toMatch(/CREATE SCHEMA|"public"\s*\./i);
    }
  });

  it("produce exactly the schema in schema.prisma (no drift)", async () => {
    const scratch = scratchSchemaName("t_drift");
    const diff = await diffSchemaAgainstMigrations(baseUrl, { scratchSchema: scratch });
    expect(await schemaExists(scratch)).toBe(false);
    expect(diff.migrations).toEqual((await listMigrations()).map((m) => m.name));
    if (!diff.empty) {
      throw new Error(
        "prisma/schema.prisma differs from prisma/migrations. Run `npm run db:migration:new -- <name>`." +
          ` The missing migration would be:\n\n${diff.sql}`,
      );
    }
    expect(diff.empty).toBe(true);
  }, 60_000);

  it("applyMigrations applies into the ?schema= schema and is idempotent", async () => {
    const names = (await listMigrations()).map((m) => m.name);
    const schema = scratchSchemaName("t_idem");
    const url = withSchemaParam(baseUrl, schema);
    try {
      expect(await schemaExists(schema)).toBe(false);
      const first = await applyMigrations(url);
      expect(first.applied).toEqual(names);
      const second = await applyMigrations(url);
      expect(second.applied).toEqual([]);

      const tables = await tablesIn(schema);
      expect(tables).toEqual(expect.arrayContaining(["User", "Transaction", "BackgroundJob", "_prisma_migrations"]));
      const rows = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "${schema}"._prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(rows.rows.map((r) => r.migration_name)).toEqual(names);
    } finally {
      await dropSchema(baseUrl, schema);
    }
    expect(await schemaExists(schema)).toBe(false);
  }, 60_000);

  it("createTestDatabase gives a migrated schema and drop() removes it", async () => {
    const testDb = await createTestDatabase("drift helper");
    try {
      expect(testDb.schema).toMatch(/^t_drift_helper_[0-9a-f]+$/);
      expect(new URL(testDb.url).searchParams.get("schema")).toBe(testDb.schema);
      expect(await tablesIn(testDb.schema)).toEqual(expect.arrayContaining(["User", "_prisma_migrations"]));
    } finally {
      await testDb.drop();
      await testDb.drop();
    }
    expect(await schemaExists(testDb.schema)).toBe(false);
  }, 60_000);
});
