-- CreateEnum
CREATE TYPE "CategoryKind" AS ENUM ('expense', 'income', 'transfer');

-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "kind" "CategoryKind" NOT NULL DEFAULT 'expense';

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "transferPeerId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Transaction_transferPeerId_key" ON "Transaction"("transferPeerId");

-- AddForeignKey
ALTER TABLE "Transaction" ADD CONSTRAINT "Transaction_transferPeerId_fkey" FOREIGN KEY ("transferPeerId") REFERENCES "Transaction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill: the standard income and transfer categories, by name (case-insensitive).
UPDATE "Category" SET "kind" = 'income'
 WHERE lower("name") IN ('income', 'salary', 'wages', 'paycheck', 'interest', 'dividends');
UPDATE "Category" SET "kind" = 'transfer'
 WHERE lower("name") IN ('transfers', 'transfer', 'internal transfers', 'credit card payment');
