import pg from "pg";
import { pgPoolConfig } from "../../lib/db";

/** A raw pg client on the test file's schema, for locks and assertions outside Prisma. */
export async function connectPg(url: string): Promise<pg.Client> {
  const { connectionString, options } = pgPoolConfig(url, { max: 1 });
  const client = new pg.Client({ connectionString, options });
  await client.connect();
  return client;
}
