-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "secretHint" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery"("eventId");

-- CreateIndex
CREATE INDEX "WebhookEvent_createdAt_idx" ON "WebhookEvent"("createdAt");

-- Backfill: the hint of every existing secret (its last 4 characters). The secrets themselves
-- are encrypted by `npm run db:migrate` right after this SQL (lib/webhooks/seal-endpoint-secrets.ts):
-- AES-GCM cannot be done in SQL. Until then they are read as plain text, as before.
UPDATE "WebhookEndpoint" SET "secretHint" = right("secret", 4) WHERE "secretHint" = '';
