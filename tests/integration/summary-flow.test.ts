import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { listNotifications, markNotificationsRead } from "../../lib/notifications/notifications";
import { getJobForUser } from "../../lib/queue/job-view";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { getSummary } from "../../lib/summary/get-summary";
import { createTransaction, deleteTransaction, updateTransaction } from "../../lib/transactions/transactions";
import { listTransactions } from "../../lib/transactions/list-transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("flow");
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);

describe("enqueue → worker → summary", () => {
  it("recomputes the summary after a change without a notification per recompute", async () => {
    const user = await createUser("flow");
    await createTransaction(user.id, { date: today, description: "Salary", amount: 500000n, category: "Income" });
    const { jobId } = await createTransaction(user.id, { date: today, description: "Rent", amount: -150050n, category: "Rent" });

    expect((await getSummary(user.id)).status).toBe("updating");
    const job = await waitForJob(jobId);
    expect(job.progress).toBe(100);
    expect(job.attempts).toBe(1);

    // The first change's run may still be finishing when the second's completes (they run
    // side by side; the older one cannot overwrite the newer summary): wait for both, as the
    // dashboard does.
    const summary = await waitFor("the summary to settle", async () => {
      const s = await getSummary(user.id);
      return s.status === "ready" ? s : null;
    });
    expect(summary.computedAt).not.toBeNull();
    expect(summary.currentMonth).toMatchObject({ income: "5000.00", expenses: "1500.50", net: "3499.50", savingsRate: 70 }); // 69.99 %, to the nearest tenth
    expect(summary.transactionCount).toBe(2);
    expect(summary.categories.currentMonth).toEqual([{ categoryId: expect.any(String), name: "Rent", spent: "1500.50", share: 100 }]);

    // No notification per recompute (issue 16): the summary runs after every change.
    const runs = await db().backgroundJob.findMany({ where: { userId: user.id, status: "completed" } });
    expect(runs.filter((r) => (r.result as { computed?: boolean }).computed).length).toBeGreaterThanOrEqual(1);
    expect(await listNotifications(user.id)).toEqual({ notifications: [], unreadCount: 0 });
  });

  it("reflects edits and deletions", async () => {
    const user = await createUser("edits");
    const { transaction } = await createTransaction(user.id, { date: today, description: "Coffee", amount: -450n });
    const edited = await updateTransaction(user.id, transaction.id, { amount: -1250n, category: "Eating out" });
    expect(edited.transaction).toMatchObject({ amount: "-12.50", category: "Eating out" });
    await waitForJob(edited.jobId);
    expect((await getSummary(user.id)).currentMonth.expenses).toBe("12.50");

    const removed = await deleteTransaction(user.id, transaction.id);
    await waitForJob(removed.jobId);
    const summary = await getSummary(user.id);
    expect(summary.currentMonth.expenses).toBe("0.00");
    expect(summary.transactionCount).toBe(0);
  });

  it("pages transactions newest first with a cursor", async () => {
    const user = await createUser("pages");
    for (const [date, amount] of [["2026-01-03", -1n], ["2026-01-01", -2n], ["2026-01-02", -3n], ["2026-01-02", -4n]] as const) {
      await createTransaction(user.id, { date, description: `t${amount}`, amount });
    }
    const first = await listTransactions(user.id, { limit: 3 });
    expect(first.total).toBe(4);
    expect(first.transactions.map((t) => t.date)).toEqual(["2026-01-03", "2026-01-02", "2026-01-02"]);
    const second = await listTransactions(user.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.transactions.map((t) => t.date)).toEqual(["2026-01-01"]);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.transactions, ...second.transactions].map((t) => t.id);
    expect(new Set(ids).size).toBe(4);
  });
});

describe("another user's objects", () => {
  it("are not found, and are left unchanged", async () => {
    const owner = await createUser("owner");
    const other = await createUser("other");
    const { transaction, jobId } = await createTransaction(owner.id, { date: today, description: "Mine", amount: -100n });

    const notFound = expect.objectContaining({ code: "not_found" });
    await expect(updateTransaction(other.id, transaction.id, { amount: -1n })).rejects.toEqual(notFound);
    await expect(deleteTransaction(other.id, transaction.id)).rejects.toBeInstanceOf(AppError);
    await expect(getJobForUser({ id: other.id, role: "USER" }, jobId)).rejects.toEqual(notFound);
    expect(await markNotificationsRead(other.id, "all")).toBe(0);

    const stored = await db().transaction.findUniqueOrThrow({ where: { id: transaction.id } });
    expect(stored.amountMinor).toBe(-100n);
    expect((await getJobForUser({ id: owner.id, role: "USER" }, jobId)).id).toBe(jobId);
    expect((await getJobForUser({ id: other.id, role: "ADMIN" }, jobId)).id).toBe(jobId);
    expect((await listTransactions(other.id, { limit: 10 })).total).toBe(0);
  });
});
