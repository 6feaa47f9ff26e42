// npm run db:migrate
//
// Applies the pending migrations in prisma/migrations to DATABASE_URL (into its `?schema=`
// schema if it has one), recording them in _prisma_migrations like `prisma migrate deploy`.

import { applyMigrations, listMigrations } from "../lib/migrate/apply-migrations";
import { redactUrl } from "../lib/migrate/schema-engine";
import { disconnectDb } from "../lib/db";
import { sealEndpointSecrets } from "../lib/webhooks/seal-endpoint-secrets";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Set it to the database to migrate, e.g.\n" +
        "  DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/tallyboard npm run db:migrate",
    );
  }
  const all = await listMigrations();
  if (all.length === 0) throw new Error("prisma/migrations has no migrations");

  const started = Date.now();
  const { applied } = await applyMigrations(url);
  const ms = Date.now() - started;
  if (applied.length === 0) {
    console.log(`Database ${redactUrl(url)} is up to date (${all.length} migrations). Nothing applied.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${redactUrl(url)} in ${ms} ms:`);
    for (const name of applied) console.log(`  ${name}`);
  }
  // What SQL cannot do: secrets stored before encryption at rest are encrypted now (and rows
  // under an older key re-encrypted), with SECRETS_ENCRYPTION_KEY.
  try {
    const { sealed } = await sealEndpointSecrets();
    if (sealed > 0) console.log(`Encrypted ${sealed} webhook endpoint secret(s) under SECRETS_ENCRYPTION_KEY.`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
