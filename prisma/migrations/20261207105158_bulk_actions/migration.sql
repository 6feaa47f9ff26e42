-- CreateEnum
CREATE TYPE "BulkActionStatus" AS ENUM ('applying', 'applied', 'undoing', 'undone', 'failed');

-- CreateTable
CREATE TABLE "BulkAction" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "categoryId" TEXT,
    "accountId" TEXT,
    "selection" JSONB NOT NULL,
    "status" "BulkActionStatus" NOT NULL DEFAULT 'applying',
    "matched" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "refusedCurrency" INTEGER NOT NULL DEFAULT 0,
    "restored" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BulkAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkActionChange" (
    "bulkActionId" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "previousCategoryId" TEXT,
    "previousSource" TEXT,
    "previousConfidence" DOUBLE PRECISION,
    "previousNeedsReview" BOOLEAN NOT NULL,
    "previousSuggested" TEXT,
    "previousAccountId" TEXT,
    "previousTransferPeerId" TEXT,
    "deletedRow" JSONB,

    CONSTRAINT "BulkActionChange_pkey" PRIMARY KEY ("bulkActionId","transactionId")
);

-- CreateIndex
CREATE INDEX "BulkAction_userId_createdAt_idx" ON "BulkAction"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkAction_expiresAt_idx" ON "BulkAction"("expiresAt");

-- AddForeignKey
ALTER TABLE "BulkAction" ADD CONSTRAINT "BulkAction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BulkActionChange" ADD CONSTRAINT "BulkActionChange_bulkActionId_fkey" FOREIGN KEY ("bulkActionId") REFERENCES "BulkAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
