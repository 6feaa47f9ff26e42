-- DropIndex
DROP INDEX "Transaction_accountId_idx";

-- AlterTable
ALTER TABLE "FinancialAccount" ADD COLUMN     "transactionCount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "transactionsSumMinor" DECIMAL(38,0) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ImportAccount" (
    "importId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "statementDate" DATE,
    "statementBalanceMinor" BIGINT,
    "statementOpeningMinor" BIGINT,
    "statementOpeningDate" DATE,
    "openingSetMinor" BIGINT,
    "previousOpeningMinor" BIGINT,
    "previousOpeningDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportAccount_pkey" PRIMARY KEY ("importId","accountId")
);

-- CreateIndex
CREATE INDEX "ImportAccount_accountId_idx" ON "ImportAccount"("accountId");

-- CreateIndex
CREATE INDEX "Transaction_accountId_date_idx" ON "Transaction"("accountId", "date");

-- AddForeignKey
ALTER TABLE "ImportAccount" ADD CONSTRAINT "ImportAccount_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportAccount" ADD CONSTRAINT "ImportAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "FinancialAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Running balance per account: every statement that inserts or deletes transactions adds its
-- rows' sum and count per account in one UPDATE (statement-level, over the transition table,
-- so a 2,000-row import batch costs one update per account, not 2,000); a change of a row's
-- amount or account moves it (row-level, only when one of the two changes: categorizing a
-- million rows fires nothing). Accounts are locked in id order so two statements touching the
-- same accounts cannot deadlock.
CREATE FUNCTION "account_totals_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT "accountId" AS id, sum("amountMinor") AS total, count(*) AS n
             FROM new_rows WHERE "accountId" IS NOT NULL GROUP BY "accountId" ORDER BY "accountId"
  LOOP
    UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" + r.total,
           "transactionCount" = "transactionCount" + r.n WHERE id = r.id;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION "account_totals_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT "accountId" AS id, sum("amountMinor") AS total, count(*) AS n
             FROM old_rows WHERE "accountId" IS NOT NULL GROUP BY "accountId" ORDER BY "accountId"
  LOOP
    UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" - r.total,
           "transactionCount" = "transactionCount" - r.n WHERE id = r.id;
  END LOOP;
  RETURN NULL;
END $$;

CREATE FUNCTION "account_totals_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."accountId" IS NOT NULL AND NEW."accountId" IS NOT NULL AND OLD."accountId" > NEW."accountId" THEN
    UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" + NEW."amountMinor",
           "transactionCount" = "transactionCount" + 1 WHERE id = NEW."accountId";
    UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" - OLD."amountMinor",
           "transactionCount" = "transactionCount" - 1 WHERE id = OLD."accountId";
  ELSE
    IF OLD."accountId" IS NOT NULL THEN
      UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" - OLD."amountMinor",
             "transactionCount" = "transactionCount" - 1 WHERE id = OLD."accountId";
    END IF;
    IF NEW."accountId" IS NOT NULL THEN
      UPDATE "FinancialAccount" SET "transactionsSumMinor" = "transactionsSumMinor" + NEW."amountMinor",
             "transactionCount" = "transactionCount" + 1 WHERE id = NEW."accountId";
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Transaction_account_totals_insert" AFTER INSERT ON "Transaction"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "account_totals_after_insert"();
CREATE TRIGGER "Transaction_account_totals_delete" AFTER DELETE ON "Transaction"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "account_totals_after_delete"();
CREATE TRIGGER "Transaction_account_totals_update" AFTER UPDATE OF "amountMinor", "accountId" ON "Transaction"
  FOR EACH ROW WHEN (OLD."amountMinor" IS DISTINCT FROM NEW."amountMinor" OR OLD."accountId" IS DISTINCT FROM NEW."accountId")
  EXECUTE FUNCTION "account_totals_after_update"();

-- Backfill the totals from the rows there are.
UPDATE "FinancialAccount" a SET "transactionsSumMinor" = t.total, "transactionCount" = t.n
  FROM (SELECT "accountId", sum("amountMinor") AS total, count(*) AS n FROM "Transaction"
         WHERE "accountId" IS NOT NULL GROUP BY "accountId") t
 WHERE a.id = t."accountId";

-- Backfill the accounts earlier imports touched: the import's account, and every account its
-- balance check names with the closing balance proved there (amounts were two-decimal then).
INSERT INTO "ImportAccount" ("importId", "accountId")
SELECT i.id, i."accountId" FROM "Import" i JOIN "FinancialAccount" a ON a.id = i."accountId"
ON CONFLICT DO NOTHING;
INSERT INTO "ImportAccount" ("importId", "accountId", "statementDate", "statementBalanceMinor")
SELECT i.id, c->>'accountId', (c->>'closingDate')::date, round((c->>'statementClosing')::numeric * 100)::bigint
  FROM "Import" i CROSS JOIN LATERAL jsonb_array_elements(i."balanceCheck"->'accounts') c
  JOIN "FinancialAccount" a ON a.id = c->>'accountId'
 WHERE jsonb_typeof(i."balanceCheck"->'accounts') = 'array'
ON CONFLICT ("importId", "accountId") DO UPDATE
  SET "statementDate" = EXCLUDED."statementDate", "statementBalanceMinor" = EXCLUDED."statementBalanceMinor";
