import { importPool } from "../db";

// The accounts an import touched (ImportAccount): a statement file may hold several, and each
// gets the statement balance the import proved on it. Undo gives each account back what the
// import changed: its last statement becomes the latest one the remaining imports proved (so
// undoing an older import leaves a newer statement in place), and an opening balance the
// import set on an empty account is put back when nothing changed it since.

/** Records that the import wrote rows to these accounts (idempotent, for retries). */
export async function recordImportAccounts(importId: string, accountIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return;
  await importPool().query(
    // createdAt keeps the file's order (one statement has one now(): a millisecond apart).
    `INSERT INTO "ImportAccount" ("importId", "accountId", "createdAt")
     SELECT $1, id, now() + n * interval '1 millisecond' FROM unnest($2::text[]) WITH ORDINALITY AS u(id, n)
     ON CONFLICT DO NOTHING`,
    [importId, ids],
  );
}

/** The closing balance the import proved on the account, and the opening its first statement states (as of the day before its rows). */
export async function recordImportStatement(
  importId: string,
  accountId: string,
  closing: { date: string; minor: bigint },
  opening: { date: string; minor: bigint } | null,
): Promise<void> {
  await importPool().query(
    `INSERT INTO "ImportAccount" ("importId", "accountId", "statementDate", "statementBalanceMinor", "statementOpeningMinor", "statementOpeningDate")
     VALUES ($1, $2, $3::date, $4::bigint, $5::bigint, $6::date)
     ON CONFLICT ("importId", "accountId") DO UPDATE SET "statementDate" = EXCLUDED."statementDate", "statementBalanceMinor" = EXCLUDED."statementBalanceMinor",
       "statementOpeningMinor" = EXCLUDED."statementOpeningMinor", "statementOpeningDate" = EXCLUDED."statementOpeningDate"`,
    [importId, accountId, closing.date, closing.minor.toString(), opening?.minor.toString() ?? null, opening?.date ?? null],
  );
}

/**
 * Sets an empty account's opening balance from the statement, keeping what it was before on
 * the import (a retry keeps the first attempt's "before", which is the user's own value).
 */
export async function setOpeningFromStatement(importId: string, accountId: string, openingMinor: bigint, openingDate: string): Promise<void> {
  const client = await importPool().connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ minor: string; date: string | null }>(
      `SELECT "openingBalanceMinor"::text AS minor, to_char("openingDate", 'YYYY-MM-DD') AS date FROM "FinancialAccount" WHERE id = $1 FOR UPDATE`,
      [accountId],
    );
    if (rows.length === 0) {
      await client.query("ROLLBACK");
      return;
    }
    await client.query(
      `INSERT INTO "ImportAccount" ("importId", "accountId", "openingSetMinor", "previousOpeningMinor", "previousOpeningDate")
       VALUES ($1, $2, $3::bigint, $4::bigint, $5::date)
       ON CONFLICT ("importId", "accountId") DO UPDATE SET "openingSetMinor" = EXCLUDED."openingSetMinor",
         "previousOpeningMinor" = COALESCE("ImportAccount"."previousOpeningMinor", EXCLUDED."previousOpeningMinor"),
         "previousOpeningDate" = CASE WHEN "ImportAccount"."previousOpeningMinor" IS NULL THEN EXCLUDED."previousOpeningDate" ELSE "ImportAccount"."previousOpeningDate" END`,
      [importId, accountId, openingMinor.toString(), rows[0].minor, rows[0].date],
    );
    await client.query(
      `UPDATE "FinancialAccount" SET "openingBalanceMinor" = $2::bigint, "openingDate" = $3::date, "updatedAt" = now() WHERE id = $1`,
      [accountId, openingMinor.toString(), openingDate],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * After an undo (the import's rows are gone): each account's last statement becomes the latest
 * one the remaining imports proved, or none. An opening balance the import set on an empty
 * account (and nobody changed since) goes to the earliest remaining import's statement
 * opening, as if that import had found the account empty (it then owns it for its own undo),
 * else back to what it was before.
 */
export async function restoreAccountsAfterUndo(importId: string): Promise<void> {
  const { rows } = await importPool().query<{ accountId: string; previousMinor: string; previousDate: string | null; nextImportId: string | null; nextMinor: string | null; nextDate: string | null }>(
    `SELECT mine."accountId", mine."previousOpeningMinor"::text AS "previousMinor", to_char(mine."previousOpeningDate", 'YYYY-MM-DD') AS "previousDate",
            next."importId" AS "nextImportId", next."statementOpeningMinor"::text AS "nextMinor", to_char(next."statementOpeningDate", 'YYYY-MM-DD') AS "nextDate"
       FROM "ImportAccount" mine JOIN "FinancialAccount" a ON a.id = mine."accountId"
       LEFT JOIN LATERAL (
         SELECT o."importId", o."statementOpeningMinor", o."statementOpeningDate" FROM "ImportAccount" o JOIN "Import" i ON i.id = o."importId"
          WHERE o."accountId" = mine."accountId" AND o."importId" <> $1 AND i.status = 'completed' AND o."statementOpeningMinor" IS NOT NULL
          ORDER BY o."statementOpeningDate", i."completedAt" LIMIT 1
       ) next ON true
      WHERE mine."importId" = $1 AND mine."openingSetMinor" IS NOT NULL AND mine."previousOpeningMinor" IS NOT NULL
        AND a."openingBalanceMinor" = mine."openingSetMinor"`,
    [importId],
  );
  for (const r of rows) {
    const [minor, date] = r.nextImportId ? [r.nextMinor, r.nextDate] : [r.previousMinor, r.previousDate];
    await importPool().query(`UPDATE "FinancialAccount" SET "openingBalanceMinor" = $2::bigint, "openingDate" = $3::date, "updatedAt" = now() WHERE id = $1`, [r.accountId, minor, date]);
    if (r.nextImportId) {
      await importPool().query(
        `UPDATE "ImportAccount" SET "openingSetMinor" = $3::bigint, "previousOpeningMinor" = $4::bigint, "previousOpeningDate" = $5::date WHERE "importId" = $1 AND "accountId" = $2`,
        [r.nextImportId, r.accountId, minor, r.previousMinor, r.previousDate],
      );
    }
  }
  await importPool().query(
    `UPDATE "FinancialAccount" a
        SET "lastStatementDate" = latest."statementDate", "lastStatementBalanceMinor" = latest."statementBalanceMinor", "updatedAt" = now()
       FROM "ImportAccount" mine
       LEFT JOIN LATERAL (
         SELECT o."statementDate", o."statementBalanceMinor" FROM "ImportAccount" o JOIN "Import" i ON i.id = o."importId"
          WHERE o."accountId" = mine."accountId" AND o."importId" <> $1 AND i.status = 'completed' AND o."statementDate" IS NOT NULL
          ORDER BY o."statementDate" DESC, i."completedAt" DESC NULLS LAST LIMIT 1
       ) latest ON true
      WHERE mine."importId" = $1 AND mine."accountId" = a.id AND mine."statementDate" IS NOT NULL`,
    [importId],
  );
}
