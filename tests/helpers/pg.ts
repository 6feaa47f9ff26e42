import pg from "pg";
import { parseDatabaseUrl } from "../../lib/db";

/** A raw pg client on the test file's schema, for locks and assertions outside Prisma. */
export async function connectPg(url: string): Promise<pg.Client> {
  const { connectionString, schema } = parseDatabaseUrl(url);
  const client = new pg.Client({ connectionString, options: schema ? `-c search_path="${schema}"` : undefined });
  await client.connect();
  return client;
}
