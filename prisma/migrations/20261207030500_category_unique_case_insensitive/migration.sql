-- Categories are unique per user case-insensitively (issue 14): "food & drink" and
-- "Food & Drink" are one category. Existing duplicates are merged into the oldest one (its
-- spelling and kind kept): transactions, rules and budgets are re-pointed to it, the others
-- deleted. Then a unique index on ("userId", lower(name)) keeps it so; every creation site
-- goes through ensureCategory (lib/categories/ensure-category.ts), which conflicts on it.
-- (The index is an expression Prisma's schema cannot state; @@unique([userId, name]) stays,
-- implied by this one.)

CREATE TEMPORARY TABLE "_category_merge" AS
SELECT c.id AS dup, s.id AS survivor
  FROM "Category" c
  JOIN LATERAL (
        SELECT s.id FROM "Category" s
         WHERE s."userId" = c."userId" AND lower(s.name) = lower(c.name)
         ORDER BY s."createdAt", s.id
         LIMIT 1) s ON true
 WHERE s.id <> c.id;

UPDATE "Transaction" t SET "categoryId" = m.survivor FROM "_category_merge" m WHERE t."categoryId" = m.dup;
UPDATE "Rule" r SET "categoryId" = m.survivor FROM "_category_merge" m WHERE r."categoryId" = m.dup;
UPDATE "Budget" b SET "categoryId" = m.survivor FROM "_category_merge" m WHERE b."categoryId" = m.dup;
DELETE FROM "Category" c USING "_category_merge" m WHERE c.id = m.dup;
DROP TABLE "_category_merge";

CREATE UNIQUE INDEX "Category_userId_lower_name_key" ON "Category" ("userId", lower("name"));
