import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

// One Prisma client per process, kept on globalThis so dev hot reload reuses it.

const globalForDb = globalThis as unknown as { tallyboardPrisma?: PrismaClient };

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

export function createPrismaClient(url: string, poolMax = 10): PrismaClient {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const adapter = new PrismaPg(
    {
      connectionString,
      max: poolMax,
      options: schema ? `-c search_path="${schema.replace(/"/g, "")}"` : undefined,
    },
    schema ? { schema } : undefined,
  );
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForDb.tallyboardPrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForDb.tallyboardPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.tallyboardPrisma?.$disconnect();
  globalForDb.tallyboardPrisma = undefined;
}

export type { PrismaClient };
