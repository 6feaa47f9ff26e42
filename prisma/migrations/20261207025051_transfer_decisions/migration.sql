-- CreateEnum
CREATE TYPE "TransferDecisionKind" AS ENUM ('linked', 'unlinked');

-- CreateTable
CREATE TABLE "TransferDecision" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lowId" TEXT NOT NULL,
    "highId" TEXT NOT NULL,
    "kind" "TransferDecisionKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TransferDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TransferDecision_highId_idx" ON "TransferDecision"("highId");

-- CreateIndex
CREATE INDEX "TransferDecision_userId_idx" ON "TransferDecision"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TransferDecision_lowId_highId_key" ON "TransferDecision"("lowId", "highId");

-- AddForeignKey
ALTER TABLE "TransferDecision" ADD CONSTRAINT "TransferDecision_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferDecision" ADD CONSTRAINT "TransferDecision_lowId_fkey" FOREIGN KEY ("lowId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TransferDecision" ADD CONSTRAINT "TransferDecision_highId_fkey" FOREIGN KEY ("highId") REFERENCES "Transaction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
