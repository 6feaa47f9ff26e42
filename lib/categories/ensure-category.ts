import type { Tx } from "../db";
import { categoryKindForName } from "../finance/categorize/categories";

// The one way a category comes into being: found case-insensitively ("food & drink" is the
// user's "Food & Drink"), else created with the kind its name implies (categoryKindForName).
// One statement that conflicts on the unique ("userId", lower(name)) index, so two requests
// naming a new category at once both get the same row (a read-then-insert failed one of them).
// Every creation site uses it: transactions, imports, categorization, rules, budgets, the demo.

/** Runs SQL with $1-style parameters: a Prisma transaction or a pg pool. */
export type CategoryQuery = (sql: string, params: unknown[]) => Promise<CategoryRow[]>;

/** A name asked for, the id of the user's category (null: not visible yet) and that category's own name. */
export interface CategoryRow {
  name: string;
  id: string | null;
  stored: string | null;
}

// Rows come back per name asked for (its id, or null when another transaction's insert was
// not yet visible), so callers never compare JavaScript's lower case with Postgres's.
const ENSURE_SQL = `
  WITH asked AS (
    SELECT a.name, a.kind, a.ord FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS a(name, kind, ord)
  ), wanted AS (
    SELECT DISTINCT ON (lower(name)) name, kind FROM asked ORDER BY lower(name), ord
  ), inserted AS (
    INSERT INTO "Category" (id, "userId", name, kind, "createdAt")
    SELECT gen_random_uuid()::text, $1, w.name, w.kind::"CategoryKind", now() FROM wanted w
    ON CONFLICT ("userId", lower(name)) DO NOTHING
    RETURNING id, lower(name) AS key, name
  )
  SELECT a.name, COALESCE(i.id, c.id) AS id, COALESCE(i.name, c.name) AS stored
    FROM asked a
    LEFT JOIN inserted i ON i.key = lower(a.name)
    LEFT JOIN "Category" c ON c."userId" = $1 AND lower(c.name) = lower(a.name)`;

/** Ids of the user's categories of these names (found case-insensitively, created when new), by the name as given. */
export async function ensureCategories(query: CategoryQuery, userId: string, names: readonly string[]): Promise<Map<string, string>> {
  const found = await ensureCategoryRows(query, userId, names);
  return new Map([...found].map(([name, row]) => [name, row.id]));
}

/** The categories of these names, by the name as given: their ids and their own names ("food" may be "Food"). */
async function ensureCategoryRows(query: CategoryQuery, userId: string, names: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const rows = new Map<string, { id: string; name: string }>();
  // A category another transaction committed after this statement began is neither inserted
  // (conflict) nor seen (snapshot): the second round finds it.
  for (let round = 0; round < 2; round++) {
    const missing = [...new Set(names)].filter((n) => n.trim() !== "" && !rows.has(n));
    if (missing.length === 0) break;
    const found = await query(ENSURE_SQL, [userId, missing, missing.map(categoryKindForName)]);
    for (const row of found) if (row.id) rows.set(row.name, { id: row.id, name: row.stored ?? row.name });
  }
  return rows;
}

/** Prisma transaction → CategoryQuery. */
export const prismaCategoryQuery =
  (tx: Pick<Tx, "$queryRawUnsafe">): CategoryQuery =>
  (sql, params) =>
    tx.$queryRawUnsafe<CategoryRow[]>(sql, ...params);

/** The user's category of that name, created (with its kind) when new: its id and its own name. */
export async function ensureNamedCategory(tx: Pick<Tx, "$queryRawUnsafe">, userId: string, name: string): Promise<{ id: string; name: string }> {
  const found = (await ensureCategoryRows(prismaCategoryQuery(tx), userId, [name])).get(name);
  if (!found) throw new Error(`category "${name}" could not be found or created`);
  return found;
}

/** The id of the user's category of that name, created (with its kind) when new. */
export async function ensureCategory(tx: Pick<Tx, "$queryRawUnsafe">, userId: string, name: string): Promise<string> {
  return (await ensureNamedCategory(tx, userId, name)).id;
}
