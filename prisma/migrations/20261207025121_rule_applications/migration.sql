-- CreateEnum
CREATE TYPE "RuleApplicationStatus" AS ENUM ('applying', 'applied', 'undoing', 'undone', 'failed');

-- CreateTable
CREATE TABLE "RuleApplication" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "ruleId" TEXT,
    "ruleText" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "status" "RuleApplicationStatus" NOT NULL DEFAULT 'applying',
    "changed" INTEGER NOT NULL DEFAULT 0,
    "restored" INTEGER NOT NULL DEFAULT 0,
    "jobId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuleApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleApplicationChange" (
    "applicationId" TEXT NOT NULL,
    "transactionId" TEXT NOT NULL,
    "previousCategoryId" TEXT,
    "previousSource" TEXT,
    "previousConfidence" DOUBLE PRECISION,
    "previousNeedsReview" BOOLEAN NOT NULL,
    "previousSuggested" TEXT,

    CONSTRAINT "RuleApplicationChange_pkey" PRIMARY KEY ("applicationId","transactionId")
);

-- CreateIndex
CREATE INDEX "RuleApplication_userId_createdAt_idx" ON "RuleApplication"("userId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "RuleApplication" ADD CONSTRAINT "RuleApplication_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleApplicationChange" ADD CONSTRAINT "RuleApplicationChange_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "RuleApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;
