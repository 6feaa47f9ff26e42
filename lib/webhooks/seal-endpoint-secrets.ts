import { isSealedUnderCurrentKey, openSecret, sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import { ENDPOINT_SECRET_PURPOSE } from "./sign-payload";

// Brings every stored endpoint secret under the current key: rows from before encryption
// (plain text) and rows sealed under an earlier key (after a rotation). Run by `npm run
// db:migrate` after the SQL migrations, and by `npm run secrets:reencrypt`. Safe to run again
// and while the app runs: a row is rewritten only if it still holds the value that was read.

const BATCH = 500;

export async function sealEndpointSecrets(): Promise<{ sealed: number; checked: number }> {
  let sealed = 0;
  let checked = 0;
  let after = "";
  for (;;) {
    const rows = await db().webhookEndpoint.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, secret: true },
    });
    if (rows.length === 0) return { sealed, checked };
    for (const row of rows) {
      checked++;
      if (isSealedUnderCurrentKey(row.secret)) continue;
      const plain = openSecret(row.secret, ENDPOINT_SECRET_PURPOSE);
      const { count } = await db().webhookEndpoint.updateMany({
        where: { id: row.id, secret: row.secret },
        data: { secret: sealSecret(plain, ENDPOINT_SECRET_PURPOSE), secretHint: plain.slice(-4) },
      });
      sealed += count;
    }
    after = rows[rows.length - 1].id;
  }
}
