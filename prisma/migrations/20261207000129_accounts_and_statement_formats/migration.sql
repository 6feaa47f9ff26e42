-- CreateEnum
CREATE TYPE "AccountType" AS ENUM ('checking', 'savings', 'credit_card', 'cash', 'loan');

-- AlterTable
ALTER TABLE "FinancialAccount" ADD COLUMN     "archived" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "currency" TEXT NOT NULL DEFAULT 'USD',
ADD COLUMN     "lastStatementBalanceMinor" BIGINT,
ADD COLUMN     "lastStatementDate" DATE,
ADD COLUMN     "number" TEXT,
ADD COLUMN     "openingBalanceMinor" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "openingDate" DATE,
ADD COLUMN     "type" "AccountType" NOT NULL DEFAULT 'checking';

-- AlterTable
ALTER TABLE "Import" ADD COLUMN     "balanceCheck" JSONB,
ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'csv';

-- CreateIndex
CREATE UNIQUE INDEX "FinancialAccount_userId_number_key" ON "FinancialAccount"("userId", "number");

-- Backfill: every transaction belongs to an account. Rows added by hand (and imports made
-- without an account) go to the user's "Cash" account, created where missing.
INSERT INTO "FinancialAccount" ("id", "userId", "name", "type", "createdAt", "updatedAt")
SELECT 'c' || substr(md5(random()::text || t."userId"), 1, 24), t."userId", 'Cash', 'cash', now(), now()
  FROM (SELECT DISTINCT "userId" FROM "Transaction" WHERE "accountId" IS NULL) t
ON CONFLICT ("userId", "name") DO NOTHING;

UPDATE "Transaction" t SET "accountId" = a."id"
  FROM "FinancialAccount" a
 WHERE t."accountId" IS NULL AND a."userId" = t."userId" AND a."name" = 'Cash';
