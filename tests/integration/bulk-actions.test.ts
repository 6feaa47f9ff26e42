import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { cleanExpiredBulkActions } from "../../lib/maintenance/clean-expired-bulk-actions";
import { bulkActionSchema, type BulkActionInput } from "../../lib/transactions/bulk-action-input";
import { runBulkAction, startBulkAction, startBulkUndo } from "../../lib/transactions/bulk-actions";
import type { JobContext } from "../../lib/queue/job-context";
import { listTransactions } from "../../lib/transactions/list-transactions";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";

// Bulk actions (issue 14) against the real Postgres and Redis. BULK_INLINE_LIMIT is 5 here, so
// a handful of rows runs inline and a few thousand run as the bulk-action job (in batches).

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("bulk-actions", { BULK_INLINE_LIMIT: "5", BULK_UNDO_RETENTION_DAYS: "7" });
  worker = await startWorker({ queues: [QUEUE.bulkAction, QUEUE.financialSummary] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

const bulk = (userId: string, input: BulkActionInput) => startBulkAction(userId, bulkActionSchema.parse(input));

/** A user with accounts (name → currency) and categories, their ids by name. */
async function person(name: string, accounts: Record<string, string> = { Cash: "USD" }, categories: string[] = []) {
  const user = await createUser(name);
  const acc: Record<string, string> = {};
  const cat: Record<string, string> = {};
  for (const [accountName, currency] of Object.entries(accounts)) acc[accountName] = (await db().financialAccount.create({ data: { userId: user.id, name: accountName, currency } })).id;
  for (const categoryName of categories) cat[categoryName] = (await db().category.create({ data: { userId: user.id, name: categoryName } })).id;
  return { id: user.id, acc, cat };
}

interface Row {
  description: string;
  accountId: string;
  amountMinor?: bigint;
  date?: string;
  categoryId?: string | null;
  categorySource?: string | null;
  categoryConfidence?: number | null;
  needsReview?: boolean;
  suggestedCategory?: string | null;
  notes?: string | null;
  fingerprint?: string | null;
}

/** Inserts the rows in order (ids ascend with it: cuid) and answers their ids. */
async function addRows(userId: string, rows: Row[]): Promise<string[]> {
  const ids: string[] = [];
  for (const { date, amountMinor, ...rest } of rows) {
    ids.push((await db().transaction.create({ data: { ...rest, userId, date: new Date(`${date ?? "2026-11-02"}T00:00:00Z`), amountMinor: amountMinor ?? -1000n } })).id);
  }
  return ids;
}

const rowsOf = (userId: string) => db().transaction.findMany({ where: { userId }, orderBy: { id: "asc" } });
const dataVersion = async (userId: string) => (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { dataVersion: true } })).dataVersion.valueOf();

describe("a bulk action inline (at most BULK_INLINE_LIMIT rows)", () => {
  it("sets the category of chosen rows in one transaction, requests one summary run, and Undo restores each row's category state exactly", async () => {
    const user = await person("inline", undefined, ["Food", "Fun"]);
    const cash = { id: user.acc.Cash };
    const [food, fun] = [{ id: user.cat.Food }, { id: user.cat.Fun }];
    const ids = await addRows(user.id, [
      { description: "a", accountId: cash.id, categoryId: fun.id, categorySource: "classifier", categoryConfidence: 0.62, needsReview: true, suggestedCategory: "Food" },
      { description: "b", accountId: cash.id },
      { description: "c", accountId: cash.id, categoryId: fun.id, categorySource: "rule", categoryConfidence: 1 },
      { description: "untouched", accountId: cash.id, categoryId: fun.id, categorySource: "user" },
    ]);
    const before = await rowsOf(user.id);
    const version = await dataVersion(user.id);

    const out = await bulk(user.id, { action: "set-category", categoryId: food.id, selection: { ids: ids.slice(0, 3) } });
    expect(out.ran).toBe("inline");
    expect(out.bulk).toMatchObject({ status: "applied", matched: 3, changed: 3, refusedCurrency: 0, missing: 0 });
    expect(out.jobId).toBeTruthy();
    expect(await dataVersion(user.id)).toBe(version + 1n);
    const after = await rowsOf(user.id);
    expect(after.filter((r) => r.categoryId === food.id).map((r) => r.description).sort()).toEqual(["a", "b", "c"]);
    expect(after.find((r) => r.description === "a")).toMatchObject({ categorySource: "user", needsReview: false, suggestedCategory: null, categoryConfidence: null });

    const undo = await startBulkUndo(user.id, out.bulk.id);
    expect(undo).toMatchObject({ ran: "inline", bulk: { status: "undone", restored: 3 } });
    expect(await dataVersion(user.id)).toBe(version + 2n);
    const restored = await rowsOf(user.id);
    const state = (rows: typeof before) => rows.map(({ id, categoryId, categorySource, categoryConfidence, needsReview, suggestedCategory }) => ({ id, categoryId, categorySource, categoryConfidence, needsReview, suggestedCategory }));
    expect(state(restored)).toEqual(state(before));
    // Two clicks start one undo.
    await expect(startBulkUndo(user.id, out.bulk.id)).rejects.toMatchObject({ code: "conflict" });
  });

  it("clears the category with categoryId null, and Undo gives it back", async () => {
    const user = await person("clear", undefined, ["Food"]);
    const ids = await addRows(user.id, [{ description: "x", accountId: user.acc.Cash, categoryId: user.cat.Food, categorySource: "user" }]);
    const out = await bulk(user.id, { action: "set-category", categoryId: null, selection: { ids } });
    expect(out.bulk).toMatchObject({ changed: 1 });
    expect(await db().transaction.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ categoryId: null, categorySource: null });
    await startBulkUndo(user.id, out.bulk.id);
    expect(await db().transaction.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ categoryId: user.cat.Food, categorySource: "user" });
  });

  it("Undo leaves alone a row re-categorized since, and says so", async () => {
    const user = await person("since", undefined, ["Food", "Fun", "Gifts"]);
    const ids = await addRows(user.id, [
      { description: "kept", accountId: user.acc.Cash, categoryId: user.cat.Fun },
      { description: "edited since", accountId: user.acc.Cash, categoryId: user.cat.Fun },
    ]);
    const out = await bulk(user.id, { action: "set-category", categoryId: user.cat.Food, selection: { ids } });
    await db().transaction.update({ where: { id: ids[1] }, data: { categoryId: user.cat.Gifts } });
    const undo = await startBulkUndo(user.id, out.bulk.id);
    expect(undo.bulk).toMatchObject({ restored: 1, message: "Undone: restored 1 transaction (1 changed since, left as they are)" });
    expect((await db().transaction.findUniqueOrThrow({ where: { id: ids[0] } })).categoryId).toBe(user.cat.Fun);
    expect((await db().transaction.findUniqueOrThrow({ where: { id: ids[1] } })).categoryId).toBe(user.cat.Gifts);
  });

  it("deletes rows and Undo puts them back whole, with their ids, receipts and transfer pair", async () => {
    const user = await person("delete", { Checking: "USD", Savings: "USD" });
    const [checking, savings] = [{ id: user.acc.Checking }, { id: user.acc.Savings }];
    const [out, inn, plain] = await addRows(user.id, [
      { description: "to savings", accountId: checking.id, amountMinor: -50000n, notes: "rent pot", fingerprint: "fp-1" },
      { description: "from checking", accountId: savings.id, amountMinor: 50000n },
      { description: "coffee", accountId: checking.id, amountMinor: -450n, date: "2026-10-30" },
    ]);
    await db().transaction.update({ where: { id: out }, data: { transferPeerId: inn } });
    await db().transaction.update({ where: { id: inn }, data: { transferPeerId: out } });
    const receipt = await db().receipt.create({ data: { userId: user.id, transactionId: plain, fileName: "r.jpg", contentType: "image/jpeg", fileSize: 3, status: "matched" } });
    const before = await rowsOf(user.id);

    const done = await bulk(user.id, { action: "delete", selection: { ids: [out, plain] } });
    expect(done.bulk).toMatchObject({ changed: 2, matched: 2 });
    expect((await rowsOf(user.id)).map((r) => r.id)).toEqual([inn]);
    // The surviving leg is no longer half of a pair.
    expect((await db().transaction.findUniqueOrThrow({ where: { id: inn } })).transferPeerId).toBeNull();
    expect((await db().receipt.findUniqueOrThrow({ where: { id: receipt.id } })).transactionId).toBeNull();

    await startBulkUndo(user.id, done.bulk.id);
    expect(await rowsOf(user.id)).toEqual(before);
    expect((await db().receipt.findUniqueOrThrow({ where: { id: receipt.id } })).transactionId).toBe(plain);
  });

  it("moves rows to another account of the same currency, refuses those of another currency with a count, and unlinks a moved transfer leg's pair", async () => {
    const user = await person("move", { Checking: "USD", Joint: "USD", Euro: "EUR", Card: "USD" });
    const [usd, usd2, eur, card] = ["Checking", "Joint", "Euro", "Card"].map((n) => ({ id: user.acc[n] }));
    const [a, b, e, leg, peer] = await addRows(user.id, [
      { description: "usd a", accountId: usd.id },
      { description: "usd b", accountId: usd.id },
      { description: "eur", accountId: eur.id },
      { description: "autopay", accountId: usd.id, amountMinor: -80000n },
      { description: "payment", accountId: card.id, amountMinor: 80000n },
    ]);
    await db().transaction.update({ where: { id: leg }, data: { transferPeerId: peer } });
    await db().transaction.update({ where: { id: peer }, data: { transferPeerId: leg } });
    const before = await rowsOf(user.id);

    const out = await bulk(user.id, { action: "set-account", accountId: usd2.id, selection: { ids: [a, b, e, leg] } });
    expect(out.bulk).toMatchObject({ matched: 4, changed: 3, refusedCurrency: 1 });
    expect(out.bulk.message).toContain("1 transaction left alone: their currency differs");
    const rows = new Map((await rowsOf(user.id)).map((r) => [r.id, r]));
    expect([a, b, leg].map((id) => rows.get(id)!.accountId)).toEqual([usd2.id, usd2.id, usd2.id]);
    expect(rows.get(e)!.accountId).toBe(eur.id);
    expect(rows.get(leg)!.transferPeerId).toBeNull();
    expect(rows.get(peer)!.transferPeerId).toBeNull();

    await startBulkUndo(user.id, out.bulk.id);
    const restored = await rowsOf(user.id);
    expect(restored.map(({ id, accountId, transferPeerId }) => ({ id, accountId, transferPeerId }))).toEqual(
      before.map(({ id, accountId, transferPeerId }) => ({ id, accountId, transferPeerId })),
    );
  });

  it("marks rows reviewed (only those waiting) and Undo brings their suggestions back", async () => {
    const user = await person("review");
    const cash = { id: user.acc.Cash };
    await addRows(user.id, [
      { description: "unsure 1", accountId: cash.id, needsReview: true, suggestedCategory: "Food" },
      { description: "unsure 2", accountId: cash.id, needsReview: true, suggestedCategory: "Fun" },
      { description: "sure", accountId: cash.id },
    ]);
    const before = await rowsOf(user.id);
    const version = await dataVersion(user.id);
    const out = await bulk(user.id, { action: "mark-reviewed", selection: { filter: { review: "1" } } });
    expect(out.bulk).toMatchObject({ matched: 2, changed: 2 });
    expect(await db().transaction.count({ where: { userId: user.id, needsReview: true } })).toBe(0);
    // Review state is not money: no summary run.
    expect(await dataVersion(user.id)).toBe(version);
    await startBulkUndo(user.id, out.bulk.id);
    expect((await rowsOf(user.id)).map(({ id, needsReview, suggestedCategory }) => ({ id, needsReview, suggestedCategory }))).toEqual(
      before.map(({ id, needsReview, suggestedCategory }) => ({ id, needsReview, suggestedCategory })),
    );
  });
});

describe("what a bulk action may touch", () => {
  it("covers exactly what the list's filter counts, and nothing else", async () => {
    const user = await person("scope", { Cash: "USD", Card: "USD" }, ["Misc"]);
    const [cash, card, misc] = [{ id: user.acc.Cash }, { id: user.acc.Card }, { id: user.cat.Misc }];
    await addRows(user.id, [
      { description: "COFFEE 1", accountId: cash.id, date: "2026-11-01" },
      { description: "coffee 2", accountId: cash.id, date: "2026-11-03" },
      { description: "coffee 3", accountId: card.id, date: "2026-11-03" },
      { description: "coffee old", accountId: cash.id, date: "2026-09-01" },
      { description: "tea", accountId: cash.id, date: "2026-11-02" },
    ]);
    const filter = { q: "coffee", accountId: cash.id, from: "2026-10-01", to: "" };
    const listed = await listTransactions(user.id, filter);
    const out = await bulk(user.id, { action: "set-category", categoryId: misc.id, selection: { filter } });
    expect(out.bulk.matched).toBe(listed.total);
    const changed = (await rowsOf(user.id)).filter((r) => r.categoryId === misc.id).map((r) => r.id).sort();
    expect(changed).toEqual(listed.transactions.map((t) => t.id).sort());
  });

  it("never touches another user's rows, and refuses another user's category or account", async () => {
    const owner = await person("owner", undefined, ["Owner's"]);
    const intruder = await person("intruder", undefined, ["Mine"]);
    const [ownerCash, ownerCat] = [{ id: owner.acc.Cash }, { id: owner.cat["Owner's"] }];
    const [ownerRow] = await addRows(owner.id, [{ description: "owner's coffee", accountId: ownerCash.id }]);
    const [mineCash, mineCat] = [{ id: intruder.acc.Cash }, { id: intruder.cat.Mine }];
    const [mine] = await addRows(intruder.id, [{ description: "my coffee", accountId: mineCash.id }]);
    const before = await rowsOf(owner.id);

    const viaIds = await bulk(intruder.id, { action: "delete", selection: { ids: [ownerRow, mine] } });
    expect(viaIds.bulk).toMatchObject({ matched: 1, changed: 1, missing: 1 });
    await bulk(intruder.id, { action: "set-category", categoryId: mineCat.id, selection: { filter: { q: "coffee" } } });
    await expect(bulk(intruder.id, { action: "set-category", categoryId: ownerCat.id, selection: { ids: [mine] } })).rejects.toMatchObject({ code: "not_found" });
    await expect(bulk(intruder.id, { action: "set-account", accountId: ownerCash.id, selection: { filter: {} } })).rejects.toMatchObject({ code: "not_found" });
    // The owner's bulk action cannot be undone by someone else.
    const ownerBulk = await bulk(owner.id, { action: "mark-reviewed", selection: { ids: [ownerRow] } });
    await expect(startBulkUndo(intruder.id, ownerBulk.bulk.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await rowsOf(owner.id)).toEqual(before);
  });

  it("answers hostile or wrong bodies with field errors naming what is wrong", () => {
    const errors = (input: unknown) => {
      const parsed = bulkActionSchema.safeParse(input);
      return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(errors({ action: "drop-table", selection: { ids: ["a"] } })).toEqual(["action: Use set-category, set-account, delete or mark-reviewed"]);
    expect(errors({ action: "delete", selection: { ids: ["a"], filter: {} } })).toEqual(["selection: Give either ids (chosen rows) or filter (everything matching), not both"]);
    expect(errors({ action: "delete", selection: {} })).toEqual(["selection: Give either ids (chosen rows) or filter (everything matching), not both"]);
    expect(errors({ action: "delete", selection: { ids: ["x'; DROP TABLE \"Transaction\";--"] } })).toEqual(["selection.ids.0: Not a valid id"]);
    expect(errors({ action: "delete", selection: { ids: [] } })).toEqual(["selection.ids: Choose at least one transaction"]);
    expect(errors({ action: "delete", selection: { filter: { userId: "someone" } } })).toEqual([
      "selection.filter.userId: Not a filter of the list (use q, accountId, category, uncategorized, review, transfer, from, to, min, max)",
    ]);
    expect(errors({ action: "delete", selection: { filter: { from: "2026-13-01", q: "a" } } })).toEqual(
      expect.arrayContaining(["selection.filter.q: Type at least 3 characters to search", "selection.filter.from: Not a calendar date"]),
    );
    expect(errors({ action: "set-category", selection: { ids: ["a"] } })).toEqual(["categoryId: Choose the category to set (null for none)"]);
    expect(errors({ action: "delete", accountId: "a", selection: { ids: ["a"] } })).toEqual(["accountId: accountId goes only with set-account"]);
    expect(errors({ action: "delete", selection: { ids: ["a"] }, userId: "x" })).toHaveLength(1);
    expect(errors({ action: "delete", selection: { ids: Array.from({ length: 10_001 }, (_, i) => `id${i}`) } })?.[0]).toMatch(/At most 10,000 chosen rows/);
  });
});

describe("a bulk action over BULK_INLINE_LIMIT rows", () => {
  it("runs as a bulk-action job in batches with one summary run, and its undo (a job too) restores every row", async () => {
    const user = await person("job", undefined, ["Old", "Fresh"]);
    const [cash, old, fresh] = [{ id: user.acc.Cash }, { id: user.cat.Old }, { id: user.cat.Fresh }];
    await db().transaction.createMany({
      data: Array.from({ length: 2_500 }, (_, i) => ({
        userId: user.id,
        accountId: cash.id,
        date: new Date(Date.UTC(2026, 0, 1 + (i % 300))),
        description: i % 2 ? `groceries ${i}` : `rent ${i}`,
        amountMinor: BigInt(-100 - i),
        categoryId: i % 3 ? old.id : null,
        categorySource: i % 3 ? "dictionary" : null,
      })),
    });
    const before = await rowsOf(user.id);
    const version = await dataVersion(user.id);

    const out = await bulk(user.id, { action: "set-category", categoryId: fresh.id, selection: { filter: { q: "groceries" } } });
    expect(out).toMatchObject({ ran: "job", bulk: { status: "applying" } });
    const job = await waitForJob(out.jobId!, ["completed"], 60_000);
    expect(job.result).toMatchObject({ status: "applied", matched: 1_250, changed: 1_250 });
    expect(await db().transaction.count({ where: { userId: user.id, categoryId: fresh.id } })).toBe(1_250);
    // Three batches, one change recorded for the summary.
    expect(await dataVersion(user.id)).toBe(version + 1n);

    const undo = await startBulkUndo(user.id, out.bulk.id);
    expect(undo.ran).toBe("job");
    const undoJob = await waitForJob(undo.jobId!, ["completed"], 60_000);
    expect(undoJob.result).toMatchObject({ status: "undone", restored: 1_250 });
    expect(await dataVersion(user.id)).toBe(version + 2n);
    const strip = (rows: typeof before) => rows.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(await rowsOf(user.id))).toEqual(strip(before));
  }, 120_000);

  it("is safe to run twice: a retried job changes nothing again and keeps the state from before the first run", async () => {
    const user = await person("retry", undefined, ["Old", "New"]);
    const ids = await addRows(user.id, Array.from({ length: 8 }, (_, i) => ({ description: `retry ${i}`, accountId: user.acc.Cash, categoryId: user.cat.Old, categorySource: "dictionary" })));
    const out = await bulk(user.id, { action: "set-category", categoryId: user.cat.New, selection: { ids } });
    await waitForJob(out.jobId!, ["completed"], 60_000);
    const kept = await db().bulkActionChange.findMany({ where: { bulkActionId: out.bulk.id }, orderBy: { transactionId: "asc" } });
    // As a retry would find it: the row back to applying after the first attempt's batches committed.
    await db().bulkAction.update({ where: { id: out.bulk.id }, data: { status: "applying" } });
    const ctx = { jobId: "retry", attempt: 2, progress: async () => {}, log: async () => {}, itemDone: () => {}, itemFailed: () => {}, throwIfCancelled: async () => {} } satisfies JobContext;
    const again = await runBulkAction(user.id, out.bulk.id, ctx);
    expect(again.result).toMatchObject({ status: "applied", matched: 8, changed: 8 });
    expect(await db().bulkActionChange.findMany({ where: { bulkActionId: out.bulk.id }, orderBy: { transactionId: "asc" } })).toEqual(kept);
    expect(kept.every((k) => k.previousCategoryId === user.cat.Old)).toBe(true);
  });

  it("deletes everything a filter matches as a job, and its undo brings every row back with its id", async () => {
    const user = await person("job-delete");
    const cash = { id: user.acc.Cash };
    await db().transaction.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({ userId: user.id, accountId: cash.id, date: new Date(Date.UTC(2025, 5, 1 + (i % 28))), description: `row ${i}`, amountMinor: BigInt(i) })),
    });
    const before = await rowsOf(user.id);
    const out = await bulk(user.id, { action: "delete", selection: { filter: { from: "2025-06-01", to: "2025-06-30" } } });
    await waitForJob(out.jobId!, ["completed"], 60_000);
    expect(await db().transaction.count({ where: { userId: user.id } })).toBe(0);
    const undo = await startBulkUndo(user.id, out.bulk.id);
    await waitForJob(undo.jobId!, ["completed"], 60_000);
    expect(await rowsOf(user.id)).toEqual(before);
  }, 120_000);
});

describe("the undo window", () => {
  it("refuses an undo once expired, and data-cleanup deletes what the action kept", async () => {
    const user = await person("expiry");
    const cash = { id: user.acc.Cash };
    const ids = await addRows(user.id, [{ description: "gone", accountId: cash.id }]);
    const out = await bulk(user.id, { action: "delete", selection: { ids } });
    expect(new Date(out.bulk.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    await db().bulkAction.update({ where: { id: out.bulk.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(startBulkUndo(user.id, out.bulk.id)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("undo window closed") });
    expect(await cleanExpiredBulkActions()).toBeGreaterThanOrEqual(1);
    expect(await db().bulkAction.count({ where: { id: out.bulk.id } })).toBe(0);
    expect(await db().bulkActionChange.count({ where: { bulkActionId: out.bulk.id } })).toBe(0);
    await expect(startBulkUndo(user.id, out.bulk.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
