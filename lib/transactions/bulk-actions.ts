import { db, type Tx } from "../db";
import { env } from "../env";
import { AppError, notFound, PermanentJobError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { bulkActionJob } from "../jobs/bulk-action";
import type { ProcessorOutcome } from "../queue/define-job";
import type { JobContext } from "../queue/job-context";
import { parseStoredFilter, type BulkActionKind, type BulkActionRequest, type StoredSelection } from "./bulk-action-input";
import { filterConditions, transferCategoryIds } from "./list-transactions";
import {
  dispatchTransactionFollowUps,
  followTransactionChange,
  recordTransactionChange,
  type TransactionChange,
  type TransactionFollowUps,
} from "./record-transaction-change";

// Bulk actions on the transactions list (issue 14): set category, set account, delete, mark
// reviewed, on chosen rows or on everything the list's filter matches (the same WHERE as the
// list: filterConditions). Up to BULK_INLINE_LIMIT rows run in the request, in one database
// transaction; more run as a bulk-action job, one transaction per batch of BATCH rows in id
// order. Each changed row's earlier state is kept (BulkActionChange; a deleted row whole) so
// Undo puts back exactly that, inline or as a job by the same limit, until expiresAt.
// Either way what follows the change (summary, budgets, transfer matching) is requested once
// per bulk (recordTransactionChange / followTransactionChange), never per row or per batch.
//
// Rules kept here:
// - another user's ids, category or account never match: every statement carries userId;
// - set-account never mixes currencies: rows whose account has another currency than the target
//   are left alone and counted (refusedCurrency);
// - a matched transfer leg that is moved or deleted unlinks its pair (both sides);
// - Undo leaves a row alone when it was changed again since (another category, account, review).

const BATCH = 1_000;
const DAY_MS = 24 * 3600 * 1000;

type BulkRow = Prisma.BulkActionGetPayload<object>;

export interface BulkActionView {
  id: string;
  action: BulkActionKind;
  status: string;
  /** Rows the selection matched (the user's own). */
  matched: number;
  changed: number;
  /** set-account: rows left alone because their currency differs from the account's. */
  refusedCurrency: number;
  restored: number;
  /** Chosen ids that are not the user's transactions (deleted, or never theirs). */
  missing: number;
  /** The latest job (apply or undo) when it ran as one. */
  jobId: string | null;
  expiresAt: string;
  createdAt: string;
  message: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

const DONE_WORDS: Record<BulkActionKind, string> = {
  "set-category": "Set the category of",
  "set-account": "Moved",
  delete: "Deleted",
  "mark-reviewed": "Marked as reviewed",
};

export function describeBulkAction(b: Pick<BulkRow, "action" | "status" | "changed" | "refusedCurrency" | "restored" | "matched">): string {
  if (b.status === "undone") return `Undone: restored ${plural(b.restored, "transaction")}${b.restored < b.changed ? ` (${(b.changed - b.restored).toLocaleString("en-US")} changed since, left as they are)` : ""}`;
  const kind = b.action as BulkActionKind;
  let text = `${DONE_WORDS[kind] ?? "Changed"} ${plural(b.changed, "transaction")}`;
  const unchanged = b.matched - b.changed - b.refusedCurrency;
  if (b.refusedCurrency > 0) text += `; ${plural(b.refusedCurrency, "transaction")} left alone: their currency differs from the account’s`;
  if (unchanged > 0) text += `; ${unchanged.toLocaleString("en-US")} already as asked`;
  return text;
}

function toView(b: BulkRow): BulkActionView {
  const selection = b.selection as StoredSelection;
  const missing = "ids" in selection ? Math.max(0, selection.ids.length - b.matched) : 0;
  return {
    id: b.id,
    action: b.action as BulkActionKind,
    status: b.status,
    matched: b.matched,
    changed: b.changed,
    refusedCurrency: b.refusedCurrency,
    restored: b.restored,
    missing,
    jobId: b.jobId,
    expiresAt: b.expiresAt.toISOString(),
    createdAt: b.createdAt.toISOString(),
    message: describeBulkAction(b),
  };
}

/** The WHERE of a selection over "Transaction" t: the user's rows only. */
async function selectionWhere(userId: string, selection: StoredSelection): Promise<Prisma.Sql> {
  if ("ids" in selection) return Prisma.sql`t."userId" = ${userId} AND t.id = ANY(${selection.ids}::text[])`;
  const filter = parseStoredFilter(selection.filter);
  const transferIds = filter.transfer === undefined ? [] : await transferCategoryIds(userId);
  return Prisma.join(filterConditions(userId, filter, transferIds), " AND ");
}

async function countSelection(where: Prisma.Sql, cap?: number): Promise<number> {
  const limit = cap === undefined ? Prisma.empty : Prisma.sql`LIMIT ${cap}`;
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 FROM "Transaction" t WHERE ${where} ${limit}) AS m`;
  return Number(n);
}

/** What follows a bulk of this kind, once (dates: the changed rows' range, for transfer matching). */
function changeOf(action: BulkActionKind, dates: DateRange | "all" | null): TransactionChange {
  switch (action) {
    case "set-category":
      return { budgets: "all", transfers: "none" };
    case "set-account":
    case "delete":
      return { budgets: "all", transfers: dates ?? "none" };
    case "mark-reviewed":
      return { summary: false, budgets: "none", transfers: "none" };
  }
}

interface DateRange {
  from: string;
  to: string;
}

function widen(range: DateRange | null, from: string | null, to: string | null): DateRange | null {
  if (!from || !to) return range;
  if (!range) return { from, to };
  return { from: from < range.from ? from : range.from, to: to > range.to ? to : range.to };
}

interface BatchOutcome {
  seen: number;
  changed: number;
  refused: number;
  lastId: string | null;
  dates: DateRange | null;
}

/** Whether a row of the selection still needs this action (a retried batch skips rows done). */
function needsChange(b: BulkRow): Prisma.Sql {
  switch (b.action as BulkActionKind) {
    case "set-category":
      return Prisma.sql`(t."categoryId" IS DISTINCT FROM ${b.categoryId} OR t."categorySource" IS DISTINCT FROM ${b.categoryId ? "user" : null} OR t."needsReview")`;
    case "set-account":
      return Prisma.sql`t."accountId" IS DISTINCT FROM ${b.accountId}`;
    case "delete":
      return Prisma.sql`true`;
    case "mark-reviewed":
      return Prisma.sql`t."needsReview"`;
  }
}

/** One batch of the action: the selection's next `size` rows after `after` (id order), locked, recorded, changed. */
async function applyBatch(tx: Tx, b: BulkRow, where: Prisma.Sql, targetCurrency: string | null, after: string | null, size: number): Promise<BatchOutcome> {
  const afterSql = after ? Prisma.sql`AND t.id > ${after}` : Prisma.empty;
  const refusedSql = targetCurrency ? Prisma.sql`(t."accountId" IS NOT NULL AND a.currency <> ${targetCurrency})` : Prisma.sql`false`;
  const rows = await tx.$queryRaw<{ id: string; day: string; needs: boolean; refused: boolean }[]>`
    SELECT t.id, to_char(t.date, 'YYYY-MM-DD') AS day, ${needsChange(b)} AS needs, ${refusedSql} AS refused
      FROM "Transaction" t LEFT JOIN "FinancialAccount" a ON a.id = t."accountId"
     WHERE ${where} ${afterSql}
     ORDER BY t.id LIMIT ${size}
       FOR UPDATE OF t`;
  const lastId = rows.length ? rows[rows.length - 1].id : null;
  const refused = rows.filter((r) => r.needs && r.refused).length;
  const take = rows.filter((r) => r.needs && !r.refused);
  if (take.length === 0) return { seen: rows.length, changed: 0, refused, lastId, dates: null };
  const ids = take.map((r) => r.id);
  const days = take.map((r) => r.day).sort();
  const userId = b.userId;
  const kind = b.action as BulkActionKind;
  const deletedRow =
    kind === "delete"
      ? Prisma.sql`to_jsonb(t) || jsonb_build_object('_receiptIds', COALESCE((SELECT jsonb_agg(r.id) FROM "Receipt" r WHERE r."transactionId" = t.id), '[]'::jsonb))`
      : Prisma.sql`NULL::jsonb`;
  // A retried batch keeps the state recorded before its first attempt changed the row.
  await tx.$executeRaw`
    INSERT INTO "BulkActionChange" ("bulkActionId", "transactionId", "previousCategoryId", "previousSource", "previousConfidence",
      "previousNeedsReview", "previousSuggested", "previousAccountId", "previousTransferPeerId", "deletedRow")
    SELECT ${b.id}, t.id, t."categoryId", t."categorySource", t."categoryConfidence", t."needsReview", t."suggestedCategory",
           t."accountId", t."transferPeerId", ${deletedRow}
      FROM "Transaction" t WHERE t."userId" = ${userId} AND t.id = ANY(${ids}::text[])
    ON CONFLICT DO NOTHING`;
  let changed = 0;
  switch (kind) {
    case "set-category":
      changed = await tx.$executeRaw`
        UPDATE "Transaction" SET "categoryId" = ${b.categoryId}, "categorySource" = ${b.categoryId ? "user" : null},
               "categoryConfidence" = NULL, "needsReview" = false, "suggestedCategory" = NULL, "updatedAt" = now()
         WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])`;
      break;
    case "set-account":
      // A transfer leg in another account is no longer that transfer: both sides unlinked (the
      // matching run over these dates may pair it again where it fits).
      await tx.$executeRaw`
        UPDATE "Transaction" SET "transferPeerId" = NULL, "updatedAt" = now()
         WHERE "userId" = ${userId} AND ("transferPeerId" = ANY(${ids}::text[]) OR (id = ANY(${ids}::text[]) AND "transferPeerId" IS NOT NULL))`;
      changed = await tx.$executeRaw`
        UPDATE "Transaction" SET "accountId" = ${b.accountId}, "updatedAt" = now()
         WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])`;
      break;
    case "delete":
      // The peer of a deleted leg loses its link through the foreign key (ON DELETE SET NULL).
      changed = await tx.$executeRaw`DELETE FROM "Transaction" WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])`;
      break;
    case "mark-reviewed":
      changed = await tx.$executeRaw`
        UPDATE "Transaction" SET "needsReview" = false, "suggestedCategory" = NULL, "updatedAt" = now()
         WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])`;
      break;
  }
  return { seen: rows.length, changed, refused, lastId, dates: { from: days[0], to: days[days.length - 1] } };
}

/** The target's checks: the user's own category or account, else 404 (nothing is written). */
async function targetOf(userId: string, input: Pick<BulkActionRequest, "action" | "categoryId" | "accountId">): Promise<{ currency: string | null }> {
  if (input.action === "set-category" && input.categoryId) {
    const own = await db().category.findFirst({ where: { id: input.categoryId, userId }, select: { id: true } });
    if (!own) throw notFound("Category");
  }
  if (input.action === "set-account") {
    const own = await db().financialAccount.findFirst({ where: { id: input.accountId!, userId }, select: { currency: true } });
    if (!own) throw notFound("Account");
    return { currency: own.currency };
  }
  return { currency: null };
}

function storedSelection(input: BulkActionRequest): StoredSelection {
  return input.selection.ids ? { ids: [...new Set(input.selection.ids)] } : { filter: input.selection.filter ?? {} };
}

export interface BulkActionStarted {
  bulk: BulkActionView;
  /** The bulk-action job (ran: "job"), or the summary run after an inline change (null when nothing follows). */
  jobId: string | null;
  ran: "inline" | "job";
}

/** Runs a bulk action inline (≤ BULK_INLINE_LIMIT rows) or starts its job. */
export async function startBulkAction(userId: string, input: BulkActionRequest): Promise<BulkActionStarted> {
  const { currency } = await targetOf(userId, input);
  const selection = storedSelection(input);
  const where = await selectionWhere(userId, selection);
  const limit = env().BULK_INLINE_LIMIT;
  const matched = await countSelection(where, limit + 1);
  const data = {
    userId,
    action: input.action,
    categoryId: input.action === "set-category" ? (input.categoryId ?? null) : null,
    accountId: input.action === "set-account" ? input.accountId! : null,
    selection: selection as Prisma.InputJsonValue,
    expiresAt: new Date(Date.now() + env().BULK_UNDO_RETENTION_DAYS * DAY_MS),
  };
  if (matched > limit) {
    const { bulk, requested } = await db().$transaction(async (tx) => {
      const created = await tx.bulkAction.create({ data: { ...data, status: "applying" } });
      const requested = await bulkActionJob.request(tx, { userId, bulkActionId: created.id, op: "apply" });
      const bulk = await tx.bulkAction.update({ where: { id: created.id }, data: { jobId: requested.id } });
      return { bulk, requested };
    });
    await bulkActionJob.dispatch(requested);
    return { bulk: toView(bulk), jobId: requested.id, ran: "job" };
  }
  const { bulk, followUps } = await db().$transaction(async (tx) => {
    const created = await tx.bulkAction.create({ data: { ...data, status: "applied" } });
    let after: string | null = null;
    let seen = 0;
    let changed = 0;
    let refused = 0;
    let dates: DateRange | null = null;
    for (;;) {
      const batch = await applyBatch(tx, created, where, currency, after, BATCH);
      seen += batch.seen;
      changed += batch.changed;
      refused += batch.refused;
      dates = widen(dates, batch.dates?.from ?? null, batch.dates?.to ?? null);
      if (batch.seen < BATCH || !batch.lastId) break;
      after = batch.lastId;
    }
    const bulk = await tx.bulkAction.update({ where: { id: created.id }, data: { matched: seen, changed, refusedCurrency: refused } });
    const followUps = changed > 0 ? await recordTransactionChange(tx, userId, changeOf(input.action, dates)) : null;
    return { bulk, followUps };
  });
  await dispatchTransactionFollowUps(followUps);
  return { bulk: toView(bulk), jobId: followUps?.summary?.id ?? null, ran: "inline" };
}

export async function getBulkAction(userId: string, id: string): Promise<BulkActionView> {
  const row = await db().bulkAction.findFirst({ where: { id, userId } });
  if (!row) throw notFound("Bulk action");
  return toView(row);
}

/** The job's apply: the selection in batches, one transaction each; the follow-ups once at the end. */
export async function runBulkAction(userId: string, bulkActionId: string, ctx: JobContext): Promise<ProcessorOutcome> {
  const b = await db().bulkAction.findFirst({ where: { id: bulkActionId, userId } });
  if (!b) throw new PermanentJobError(`bulk action ${bulkActionId} not found`);
  if (b.status !== "applying") return { result: { bulkActionId, ...toView(b) }, message: `Already ${b.status}` };
  let currency: string | null = null;
  if (b.action === "set-account") {
    const account = await db().financialAccount.findFirst({ where: { id: b.accountId ?? "", userId }, select: { currency: true } });
    if (!account) throw new PermanentJobError(`account ${b.accountId} of bulk action ${bulkActionId} is gone`);
    currency = account.currency;
  }
  const where = await selectionWhere(userId, b.selection as StoredSelection);
  await ctx.progress(0, "Counting the matching transactions…");
  const total = await countSelection(where);
  // A retried job counts its refusals again (those rows are seen again); changes it made are not made twice.
  await db().bulkAction.update({ where: { id: b.id }, data: { matched: total, refusedCurrency: 0 } });
  let after: string | null = null;
  let seen = 0;
  let dates: DateRange | null = null;
  let changedHere = 0;
  for (;;) {
    await ctx.throwIfCancelled();
    const batch = await db().$transaction(async (tx) => {
      const out = await applyBatch(tx, b, where, currency, after, BATCH);
      if (out.changed || out.refused) {
        await tx.bulkAction.update({ where: { id: b.id }, data: { changed: { increment: out.changed }, refusedCurrency: { increment: out.refused } } });
      }
      return out;
    });
    seen += batch.seen;
    changedHere += batch.changed;
    dates = widen(dates, batch.dates?.from ?? null, batch.dates?.to ?? null);
    ctx.itemDone(batch.seen);
    if (batch.seen < BATCH || !batch.lastId) break;
    after = batch.lastId;
    await ctx.progress(Math.min(99, (seen / Math.max(total, 1)) * 100), `${seen.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} transactions done…`);
  }
  const done = await db().bulkAction.findUniqueOrThrow({ where: { id: b.id } });
  // Once per bulk; a retried attempt that changed nothing itself still follows (the first may have died before it).
  if (done.changed > 0) await followTransactionChange(userId, changeOf(b.action as BulkActionKind, changedHere > 0 ? dates : "all"));
  const applied = await db().bulkAction.update({ where: { id: b.id }, data: { status: "applied" } });
  const view = toView(applied);
  return { result: view, message: view.message };
}

/** Undo: inline when the action kept at most BULK_INLINE_LIMIT rows, else an undo job. */
export async function startBulkUndo(userId: string, bulkActionId: string): Promise<BulkActionStarted> {
  const limit = env().BULK_INLINE_LIMIT;
  const outcome = await db().$transaction(async (tx) => {
    // The status check and the switch in one statement: two clicks start one undo.
    const { count } = await tx.bulkAction.updateMany({
      where: { id: bulkActionId, userId, status: { in: ["applied", "failed"] }, expiresAt: { gt: new Date() } },
      data: { status: "undoing" },
    });
    if (count === 0) {
      const existing = await tx.bulkAction.findFirst({ where: { id: bulkActionId, userId }, select: { status: true, expiresAt: true } });
      if (!existing) throw notFound("Bulk action");
      if (existing.status === "applying") throw new AppError("conflict", "The bulk action is still running; undo it once it has finished");
      if (existing.status === "applied" || existing.status === "failed") throw new AppError("conflict", `The undo window closed on ${existing.expiresAt.toISOString().slice(0, 10)}`);
      throw new AppError("conflict", `This bulk action is already ${existing.status}`);
    }
    const b = await tx.bulkAction.findUniqueOrThrow({ where: { id: bulkActionId } });
    const kept = await tx.bulkActionChange.count({ where: { bulkActionId } });
    if (kept > limit) {
      const requested = await bulkActionJob.request(tx, { userId, bulkActionId, op: "undo" });
      const bulk = await tx.bulkAction.update({ where: { id: bulkActionId }, data: { jobId: requested.id } });
      return { kind: "job" as const, bulk, requested };
    }
    let after: string | null = null;
    let restored = 0;
    let dates: DateRange | null = null;
    for (;;) {
      const batch = await undoBatch(tx, b, after, BATCH);
      restored += batch.changed;
      dates = widen(dates, batch.dates?.from ?? null, batch.dates?.to ?? null);
      if (batch.seen < BATCH || !batch.lastId) break;
      after = batch.lastId;
    }
    const bulk = await tx.bulkAction.update({ where: { id: bulkActionId }, data: { status: "undone", restored } });
    const followUps = restored > 0 ? await recordTransactionChange(tx, userId, changeOf(b.action as BulkActionKind, dates)) : null;
    return { kind: "inline" as const, bulk, followUps };
  });
  if (outcome.kind === "job") {
    await bulkActionJob.dispatch(outcome.requested);
    return { bulk: toView(outcome.bulk), jobId: outcome.requested.id, ran: "job" };
  }
  await dispatchTransactionFollowUps(outcome.followUps as TransactionFollowUps | null);
  return { bulk: toView(outcome.bulk), jobId: outcome.followUps?.summary?.id ?? null, ran: "inline" };
}

/** The job's undo: the kept rows in batches; the follow-ups once at the end. */
export async function runBulkUndo(userId: string, bulkActionId: string, ctx: JobContext): Promise<ProcessorOutcome> {
  const b = await db().bulkAction.findFirst({ where: { id: bulkActionId, userId } });
  if (!b) throw new PermanentJobError(`bulk action ${bulkActionId} not found`);
  if (b.status !== "undoing") return { result: toView(b), message: `Already ${b.status}` };
  const total = await db().bulkActionChange.count({ where: { bulkActionId } });
  let after: string | null = null;
  let seen = 0;
  let dates: DateRange | null = null;
  for (;;) {
    await ctx.throwIfCancelled();
    const batch = await db().$transaction(async (tx) => {
      const out = await undoBatch(tx, b, after, BATCH);
      if (out.changed) await tx.bulkAction.update({ where: { id: b.id }, data: { restored: { increment: out.changed } } });
      return out;
    });
    seen += batch.seen;
    dates = widen(dates, batch.dates?.from ?? null, batch.dates?.to ?? null);
    ctx.itemDone(batch.seen);
    if (batch.seen < BATCH || !batch.lastId) break;
    after = batch.lastId;
    await ctx.progress(Math.min(99, (seen / Math.max(total, 1)) * 100), `Restored ${seen.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}…`);
  }
  const done = await db().bulkAction.update({ where: { id: b.id }, data: { status: "undone" } });
  if (done.restored > 0) await followTransactionChange(userId, changeOf(b.action as BulkActionKind, dates ?? "all"));
  const view = toView(done);
  return { result: view, message: view.message };
}

/** One batch of an undo: the kept rows after `after` (transaction id order) put back as they were. */
async function undoBatch(tx: Tx, b: BulkRow, after: string | null, size: number): Promise<BatchOutcome> {
  const kept = await tx.bulkActionChange.findMany({
    where: { bulkActionId: b.id, ...(after ? { transactionId: { gt: after } } : {}) },
    orderBy: { transactionId: "asc" },
    take: size,
    select: { transactionId: true },
  });
  const lastId = kept.length ? kept[kept.length - 1].transactionId : null;
  if (kept.length === 0) return { seen: 0, changed: 0, refused: 0, lastId, dates: null };
  const ids = kept.map((k) => k.transactionId);
  const userId = b.userId;
  const mine = Prisma.sql`c."bulkActionId" = ${b.id} AND c."transactionId" = ANY(${ids}::text[]) AND t.id = c."transactionId" AND t."userId" = ${userId}`;
  let rows: { day: string }[] = [];
  switch (b.action as BulkActionKind) {
    case "set-category":
      // A row re-categorized since is left as it is now.
      rows = await tx.$queryRaw`
        UPDATE "Transaction" AS t SET "categoryId" = c."previousCategoryId", "categorySource" = c."previousSource",
               "categoryConfidence" = c."previousConfidence", "needsReview" = c."previousNeedsReview",
               "suggestedCategory" = c."previousSuggested", "updatedAt" = now()
          FROM "BulkActionChange" AS c
         WHERE ${mine} AND t."categoryId" IS NOT DISTINCT FROM ${b.categoryId}
           AND (c."previousCategoryId" IS NULL OR EXISTS (SELECT 1 FROM "Category" k WHERE k.id = c."previousCategoryId"))
        RETURNING to_char(t.date, 'YYYY-MM-DD') AS day`;
      break;
    case "set-account":
      rows = await tx.$queryRaw`
        UPDATE "Transaction" AS t SET "accountId" = c."previousAccountId", "updatedAt" = now()
          FROM "BulkActionChange" AS c
         WHERE ${mine} AND t."accountId" IS NOT DISTINCT FROM ${b.accountId}
           AND (c."previousAccountId" IS NULL OR EXISTS (SELECT 1 FROM "FinancialAccount" a WHERE a.id = c."previousAccountId" AND a."userId" = ${userId}))
        RETURNING to_char(t.date, 'YYYY-MM-DD') AS day`;
      await relinkTransfers(tx, b, ids);
      break;
    case "mark-reviewed":
      rows = await tx.$queryRaw`
        UPDATE "Transaction" AS t SET "needsReview" = c."previousNeedsReview", "suggestedCategory" = c."previousSuggested", "updatedAt" = now()
          FROM "BulkActionChange" AS c
         WHERE ${mine} AND t."needsReview" = false
        RETURNING to_char(t.date, 'YYYY-MM-DD') AS day`;
      break;
    case "delete": {
      // The row as it was, with its id; its category or import set to none when deleted since,
      // skipped when its account is gone or an equal row was imported again (ON CONFLICT).
      rows = await tx.$queryRaw`
        INSERT INTO "Transaction"
        SELECT (jsonb_populate_record(NULL::"Transaction",
                  c."deletedRow"
                  || jsonb_build_object('transferPeerId', NULL)
                  || CASE WHEN c."deletedRow"->>'categoryId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Category" k WHERE k.id = c."deletedRow"->>'categoryId') THEN jsonb_build_object('categoryId', NULL) ELSE '{}'::jsonb END
                  || CASE WHEN c."deletedRow"->>'importId' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Import" i WHERE i.id = c."deletedRow"->>'importId') THEN jsonb_build_object('importId', NULL) ELSE '{}'::jsonb END
               )).*
          FROM "BulkActionChange" c
         WHERE c."bulkActionId" = ${b.id} AND c."transactionId" = ANY(${ids}::text[]) AND c."deletedRow" IS NOT NULL
           AND c."deletedRow"->>'userId' = ${userId}
           AND (c."deletedRow"->>'accountId' IS NULL OR EXISTS (SELECT 1 FROM "FinancialAccount" a WHERE a.id = c."deletedRow"->>'accountId' AND a."userId" = ${userId}))
        ON CONFLICT DO NOTHING
        RETURNING to_char(date, 'YYYY-MM-DD') AS day`;
      await relinkTransfers(tx, b, ids);
      await tx.$executeRaw`
        UPDATE "Receipt" r SET "transactionId" = c."transactionId"
          FROM "BulkActionChange" c, jsonb_array_elements_text(c."deletedRow"->'_receiptIds') AS rid(id)
         WHERE c."bulkActionId" = ${b.id} AND c."transactionId" = ANY(${ids}::text[])
           AND r.id = rid.id AND r."userId" = ${userId} AND r."transactionId" IS NULL
           AND EXISTS (SELECT 1 FROM "Transaction" t WHERE t.id = c."transactionId" AND t."userId" = ${userId})`;
      break;
    }
  }
  const days = rows.map((r) => r.day).sort();
  return { seen: kept.length, changed: rows.length, refused: 0, lastId, dates: days.length ? { from: days[0], to: days[days.length - 1] } : null };
}

/**
 * Restored rows get back the transfer pair they had, when both sides are the user's and free
 * (updatedAt left as it was: the pair is put back, not edited).
 */
async function relinkTransfers(tx: Tx, b: BulkRow, ids: string[]): Promise<void> {
  await tx.$executeRaw`
    WITH pairs AS (
      SELECT DISTINCT LEAST(t.id, p.id) AS lo, GREATEST(t.id, p.id) AS hi
        FROM "BulkActionChange" c
        JOIN "Transaction" t ON t.id = c."transactionId"
        JOIN "Transaction" p ON p.id = c."previousTransferPeerId"
       WHERE c."bulkActionId" = ${b.id} AND c."transactionId" = ANY(${ids}::text[])
         AND t."userId" = ${b.userId} AND p."userId" = ${b.userId} AND p.id <> t.id
         AND t."transferPeerId" IS NULL AND p."transferPeerId" IS NULL
         AND NOT EXISTS (SELECT 1 FROM "Transaction" x WHERE x."transferPeerId" IN (t.id, p.id))
    )
    UPDATE "Transaction" x SET "transferPeerId" = CASE WHEN x.id = pairs.lo THEN pairs.hi ELSE pairs.lo END
      FROM pairs WHERE x.id IN (pairs.lo, pairs.hi)`;
}

/** After the last failed attempt: what it changed so far is followed, and it can be undone. */
export async function markBulkActionFailed(bulkActionId: string, op: "apply" | "undo"): Promise<void> {
  const b = await db().bulkAction.findUnique({ where: { id: bulkActionId } });
  if (!b) return;
  await db().bulkAction.updateMany({
    where: { id: bulkActionId, status: op === "apply" ? "applying" : "undoing" },
    data: { status: op === "apply" ? "failed" : "applied" },
  });
  await followTransactionChange(b.userId, changeOf(b.action as BulkActionKind, "all"));
}
