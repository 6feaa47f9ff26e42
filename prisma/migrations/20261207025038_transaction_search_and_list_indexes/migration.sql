-- Text search over description, payee and notes: pg_trgm's GIN operator class serves
-- case-insensitive substring matches (ILIKE '%q%'). The extension goes into schema public
-- when it is not installed yet (a migration run with ?schema=x would otherwise put it in x,
-- where other schemas cannot see it and a DROP SCHEMA would take it along); where it already
-- lives elsewhere (some managed Postgres use a schema "extensions"), the indexes name that
-- schema's operator class.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- AlterTable
ALTER TABLE "Transaction" ADD COLUMN     "notes" TEXT;

-- CreateIndex
CREATE INDEX "Transaction_userId_accountId_date_id_idx" ON "Transaction"("userId", "accountId", "date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Transaction_userId_categoryId_date_id_idx" ON "Transaction"("userId", "categoryId", "date" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Transaction_userId_amountMinor_id_idx" ON "Transaction"("userId", "amountMinor", "id");

-- CreateIndex
CREATE INDEX "Transaction_userId_needsReview_date_id_idx" ON "Transaction"("userId", "needsReview", "date" DESC, "id" DESC);

-- CreateIndex (the trigram indexes, with the operator class's schema looked up)
DO $$
DECLARE
  ops_schema text;
BEGIN
  SELECT n.nspname INTO ops_schema
  FROM pg_opclass c JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod
  WHERE c.opcname = 'gin_trgm_ops' AND a.amname = 'gin'
  LIMIT 1;
  EXECUTE format('CREATE INDEX "Transaction_description_idx" ON "Transaction" USING GIN ("description" %I.gin_trgm_ops)', ops_schema);
  EXECUTE format('CREATE INDEX "Transaction_payee_idx" ON "Transaction" USING GIN ("payee" %I.gin_trgm_ops)', ops_schema);
  EXECUTE format('CREATE INDEX "Transaction_notes_idx" ON "Transaction" USING GIN ("notes" %I.gin_trgm_ops)', ops_schema);
END $$;
CREATE INDEX "Transaction_userId_categoryId_amountMinor_id_idx" ON "Transaction"("userId", "categoryId", "amountMinor", "id");
