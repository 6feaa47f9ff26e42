import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import {
  DEFAULT_SORT,
  decodeListCursor,
  encodeListCursor,
  listQuerySchema,
  type ListFilter,
  type ListQuery,
  type ListQueryInput,
  type ListSort,
} from "./list-query";
import { toView, withCategory, type TransactionView } from "./transactions";

// The transactions list: search, filters, four sorts, keyset pages and a count of matches.
// Written in SQL because the keyset condition is a row comparison ((date, id) < (d, i)),
// which Postgres turns into one index range; Prisma's OR form of it is not always one.
//
// Indexes (prisma/schema.prisma, Transaction): (userId, date, id), (userId, accountId, date,
// id), (userId, categoryId, date, id), (userId, needsReview, date, id), (userId, amountMinor,
// id) and trigram GIN indexes on description, payee and notes. A page reads about `limit`
// index entries whatever the table's size; only the count reads every match, and it is bounded.

/**
 * "N matches" counts at most this many rows and then says "more than": a count reads every
 * match, and the unfiltered list of a user with 1,000,000 transactions would otherwise read a
 * million rows on every page (1.1 s here), a common search word tens of thousands. Up to the
 * cap the count is exact; past it the count costs about as much as reading the cap's rows.
 * (EXPLAIN ANALYZE figures at 1,000,000 rows: bench/RESULTS.md, "pages".)
 */
export const COUNT_CAP = 1_000;

export interface TransactionListPage {
  transactions: TransactionView[];
  nextCursor: string | null;
  /** Rows matching the filter, exact up to COUNT_CAP; COUNT_CAP when there are more (totalIsCapped). */
  total: number;
  /** There are more than `total` matches. */
  totalIsCapped: boolean;
}

/** `%text%` for ILIKE with the user's %, _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE conditions of a filter (the user's rows only; never another user's).
 * `transferCategoryIds`: the user's categories of kind transfer, passed as values so the
 * planner can estimate them (as a subquery it guessed and read all 1,000,000 rows).
 */
export function filterConditions(userId: string, f: ListFilter, transferCategoryIds: string[] = []): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`t."userId" = ${userId}`];
  if (f.accountId) where.push(Prisma.sql`t."accountId" = ${f.accountId}`);
  if (f.category) where.push(Prisma.sql`t."categoryId" = ${f.category}`);
  if (f.uncategorized === true) where.push(Prisma.sql`t."categoryId" IS NULL`);
  if (f.uncategorized === false) where.push(Prisma.sql`t."categoryId" IS NOT NULL`);
  if (f.review !== undefined) where.push(Prisma.sql`t."needsReview" = ${f.review}`);
  // A transfer (issue 14): one side of a matched pair, or a row in a category of kind transfer.
  const inTransferCategory = transferCategoryIds.length ? Prisma.sql`t."categoryId" IN (${Prisma.join(transferCategoryIds)})` : Prisma.sql`false`;
  if (f.transfer === true) where.push(Prisma.sql`(t."transferPeerId" IS NOT NULL OR ${inTransferCategory})`);
  if (f.transfer === false) where.push(Prisma.sql`(t."transferPeerId" IS NULL AND (t."categoryId" IS NULL OR NOT ${inTransferCategory}))`);
  if (f.from) where.push(Prisma.sql`t.date >= ${f.from}::date`);
  if (f.to) where.push(Prisma.sql`t.date <= ${f.to}::date`);
  if (f.min !== undefined) where.push(Prisma.sql`t."amountMinor" >= ${f.min}`);
  if (f.max !== undefined) where.push(Prisma.sql`t."amountMinor" <= ${f.max}`);
  if (f.q) {
    const pattern = containsPattern(f.q);
    where.push(Prisma.sql`(t.description ILIKE ${pattern} OR t.payee ILIKE ${pattern} OR t.notes ILIKE ${pattern})`);
  }
  return where;
}

const ORDER: Record<ListSort, Prisma.Sql> = {
  "-date": Prisma.sql`date DESC, id DESC`,
  date: Prisma.sql`date ASC, id ASC`,
  "-amount": Prisma.sql`"amountMinor" DESC, id DESC`,
  amount: Prisma.sql`"amountMinor" ASC, id ASC`,
};

/** The user's categories of kind transfer (a handful of rows through Category_userId_name_key). */
export async function transferCategoryIds(userId: string): Promise<string[]> {
  const rows = await db().category.findMany({ where: { userId, kind: "transfer" }, select: { id: true } });
  return rows.map((r) => r.id);
}

function afterCursor(sort: ListSort, key: string, id: string): Prisma.Sql {
  switch (sort) {
    case "-date":
      return Prisma.sql`(t.date, t.id) < (${key}::date, ${id})`;
    case "date":
      return Prisma.sql`(t.date, t.id) > (${key}::date, ${id})`;
    case "-amount":
      return Prisma.sql`(t."amountMinor", t.id) < (${BigInt(key)}, ${id})`;
    case "amount":
      return Prisma.sql`(t."amountMinor", t.id) > (${BigInt(key)}, ${id})`;
  }
}

function sortKey(sort: ListSort, row: { date: Date; amountMinor: bigint }): string {
  return sort === "date" || sort === "-date" ? row.date.toISOString().slice(0, 10) : row.amountMinor.toString();
}

/** Matching rows, at most COUNT_CAP + 1 of them read. */
export async function countMatches(userId: string, filter: ListFilter, transferIds?: string[]): Promise<{ total: number; totalIsCapped: boolean }> {
  const ids = filter.transfer === undefined ? [] : (transferIds ?? (await transferCategoryIds(userId)));
  const where = Prisma.join(filterConditions(userId, filter, ids), " AND ");
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "Transaction" t WHERE ${where} LIMIT ${COUNT_CAP + 1}) AS matches`;
  const count = Number(n);
  return count > COUNT_CAP ? { total: COUNT_CAP, totalIsCapped: true } : { total: count, totalIsCapped: false };
}

/**
 * A page of the user's transactions. `input` is parsed like the API's query string (a bad
 * value is a ZodError, a 422 through the route wrapper).
 */
export async function listTransactions(userId: string, input: ListQueryInput | Partial<ListQuery> = {}): Promise<TransactionListPage> {
  const query = listQuerySchema.parse(
    Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "bigint" ? v.toString() : typeof v === "boolean" ? (v ? "1" : "0") : v])),
  );
  const { sort = DEFAULT_SORT, limit, cursor, ...filter } = query;
  const after = cursor ? decodeListCursor(cursor, sort) : null;
  if (cursor && !after) throw new AppError("bad_request", "Invalid cursor: ask for the first page again");

  const transferIds = filter.transfer === undefined ? [] : await transferCategoryIds(userId);
  const count = await countMatches(userId, filter, transferIds);
  const conditions = filterConditions(userId, filter, transferIds);
  if (after) conditions.push(afterCursor(sort, after.key, after.id));
  const where = Prisma.join(conditions, " AND ");
  // Two plans, chosen by the count. Few matches (not capped): read them all through the index
  // that fits the filter (MATERIALIZED keeps the planner from walking the sort's index instead),
  // then sort at most COUNT_CAP rows. Many matches: walk the sort's index and stop after a page,
  // which the filter fills quickly because at least one row in a thousand matches.
  const ids =
    count.total === 0
      ? []
      : count.totalIsCapped
        ? await db().$queryRaw<{ id: string }[]>`
            SELECT t.id FROM "Transaction" t WHERE ${where} ORDER BY ${ORDER[sort]} LIMIT ${limit + 1}`
        : await db().$queryRaw<{ id: string }[]>`
            WITH matches AS MATERIALIZED (SELECT t.id, t.date, t."amountMinor" FROM "Transaction" t WHERE ${where})
            SELECT id FROM matches ORDER BY ${ORDER[sort]} LIMIT ${limit + 1}`;
  const pageIds = ids.slice(0, limit).map((r) => r.id);
  const rows = pageIds.length ? await db().transaction.findMany({ where: { id: { in: pageIds }, userId }, include: withCategory }) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
  const last = page[page.length - 1];
  return {
    transactions: page.map(toView),
    nextCursor: ids.length > limit && last ? encodeListCursor({ sort, key: sortKey(sort, last), id: last.id }) : null,
    ...count,
  };
}
