// npm run db:migration:new -- <name>
//
// Writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that takes the
// database produced by the existing migrations to prisma/schema.prisma (Prisma's format, so
// `prisma migrate deploy` can apply it too). Works in a scratch Postgres schema it creates
// and drops on DATABASE_URL (or the local default). Prints "no changes" and writes nothing
// when schema.prisma and the migrations already agree.

import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  diffSchemaAgainstMigrations,
} from "../lib/migrate/apply-migrations";
import { DEFAULT_DATABASE_URL, MIGRATIONS_DIR, PROJECT_ROOT, redactUrl } from "../lib/migrate/schema-engine";

function migrationName(raw: string | undefined): string {
  const name = (raw ?? "")
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  if (!name) {
    throw new Error("Usage: npm run db:migration:new -- <name>   (e.g. add_budget_table)");
  }
  return name;
}

function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}` +
    `${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const name = migrationName(process.argv.slice(2).find((a) => !a.startsWith("-")));
  const baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  console.log(`Diffing prisma/schema.prisma against prisma/migrations (scratch schema on ${redactUrl(baseUrl)})`);

  const diff = await diffSchemaAgainstMigrations(baseUrl);
  if (diff.empty) {
    console.log("no changes: schema.prisma matches the migrations; nothing written.");
    return;
  }

  const stamp = timestamp();
  const existing = await readdir(MIGRATIONS_DIR).catch(() => [] as string[]);
  const latest = existing.filter((n) => /^\d{14}_/.test(n)).sort().at(-1);
  if (latest && latest.slice(0, 14) >= stamp) {
    throw new Error(`The latest migration ${latest} is not older than ${stamp}; wait a second and retry.`);
  }

  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  const sqlPath = path.join(folder, "migration.sql");
  await writeFile(sqlPath, diff.sql);
  console.log(`Wrote ${path.relative(PROJECT_ROOT, sqlPath)}`);

  const lockfile = path.join(MIGRATIONS_DIR, LOCKFILE_NAME);
  if (!(await exists(lockfile))) {
    await writeFile(lockfile, LOCKFILE_CONTENT);
    console.log(`Wrote ${path.relative(PROJECT_ROOT, lockfile)}`);
  }
  console.log("Review the SQL, then run `npm run db:migrate`.");
}

main().catch((error: unknown) => {
  console.error(`db:migration:new failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
