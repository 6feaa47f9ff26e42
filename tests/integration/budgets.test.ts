import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget, deleteBudget, getBudget, listBudgets, retryBudget, updateBudget } from "../../lib/budgets/budgets";
import { evaluateUserBudgets } from "../../lib/budgets/evaluate-budgets";
import { requestBudgetReprocessing } from "../../lib/budgets/request-processing";
import { db } from "../../lib/db";
import { uploadImport } from "../../lib/imports/upload-import";
import { addDays, periodProgress, utcToday } from "../../lib/finance/budgets/period";
import { errorResponse } from "../../lib/http/handle-route";
import { budgetEvaluationJob } from "../../lib/jobs/budget-evaluation";
import { budgetProcessingJob } from "../../lib/jobs/budget-processing";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction, deleteTransaction, updateTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { connectPg } from "../helpers/pg";

let env: IntegrationEnv;
let worker: RunningWorker;
let pgClient: pg.Client;

beforeAll(async () => {
  env = await setupIntegration("budgets");
  worker = await startWorker({ queues: [QUEUE.budgetProcessing, QUEUE.budgetEvaluation, QUEUE.financialSummary, QUEUE.csvImport] });
  pgClient = await connectPg(env.databaseUrl);
});

afterAll(async () => {
  await pgClient?.end();
  await worker?.stop();
  await env?.teardown();
});

const today = utcToday();
// A day in the current week and month (weeks start Monday, months on the 1st).
const thisPeriod = periodProgress({ period: "monthly" }, today).start > periodProgress({ period: "weekly" }, today).start
  ? periodProgress({ period: "monthly" }, today).start
  : periodProgress({ period: "weekly" }, today).start;

async function addTx(userId: string, description: string, amount: bigint, date = today, category?: string) {
  return (await createTransaction(userId, { date, description, amount, category })).transaction.id;
}

async function linkedIds(budgetId: string) {
  const links = await db().budgetTransaction.findMany({ where: { budgetId }, select: { transactionId: true } });
  return links.map((l) => l.transactionId).sort();
}

async function ready(userId: string, budgetId: string) {
  return waitFor(`budget ${budgetId} to be ready`, async () => {
    const b = await getBudget(userId, budgetId);
    if (b.status === "error") throw new Error(`budget failed: ${b.error}`);
    return b.status === "ready" ? b : null;
  });
}

/** The HTTP status a route would answer for what this call throws. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    return errorResponse(err).status;
  }
}

describe("creating a budget", () => {
  it("answers processing at once, then links exactly the matching transactions and turns ready", async () => {
    const user = await createUser("create");
    const blueBottle = await addTx(user.id, "SQ *BLUE BOTTLE #123 OAKLAND", -650n);
    const philz = await addTx(user.id, "PHILZ COFFEE 22", -525n);
    // Money in counts against a budget only as a refund, i.e. in an expense category (issue 14's
    // rule; uncategorized money in is income): this refund is filed under Coffee.
    const refund = await addTx(user.id, "REFUND PHILZ COFFEE", 200n, today, "Coffee");
    await addTx(user.id, "SAFEWAY 1234", -8_000n);
    const lastYear = await addTx(user.id, "BLUE BOTTLE 2", -700n, addDays(thisPeriod, -400));
    const other = await createUser("other");
    await addTx(other.id, "BLUE BOTTLE", -999n);

    const saved = await createBudget(user.id, { title: "Coffee", amount: "100", period: "monthly", keywords: ["coffee", "bottle"] });
    expect(saved.message).toBe("Budget created — matching your transactions in the background");
    expect(saved.budget).toMatchObject({ status: "processing", spent: null, jobId: saved.jobId });

    const job = await waitForJob(saved.jobId!);
    expect(job.message).toBe("Matched 4 transactions");
    const budget = await ready(user.id, saved.budget.id);
    // Links cover all of the user's matching transactions; the period picks which count.
    expect(await linkedIds(budget.id)).toEqual([blueBottle, philz, refund, lastYear].sort());
    expect(budget).toMatchObject({ amount: "100.00", spent: "9.75", remaining: "90.25", percent: 9.8, transactionCount: 3 });
    expect(budget.periodStart).toBe(periodProgress({ period: "monthly" }, today).start);
    expect((await db().budget.findUniqueOrThrow({ where: { id: budget.id } })).processingCompletedAt).not.toBeNull();
  });

  it("matches by category and payee names, and both when both are set", async () => {
    const user = await createUser("criteria");
    const groceries = await addTx(user.id, "TRADER JOE'S #5", -4_000n, today, "Groceries");
    const groceriesSafeway = await addTx(user.id, "SAFEWAY 88", -3_000n, today, "Groceries");
    await addTx(user.id, "SAFEWAY FUEL", -2_000n, today, "Fuel");
    await db().transaction.updateMany({ where: { userId: user.id, description: { startsWith: "SAFEWAY" } }, data: { payee: "Safeway" } });

    const byCategory = await createBudget(user.id, { title: "Food", amount: "500", period: "weekly", category: "Groceries" });
    const byPayee = await createBudget(user.id, { title: "Safeway", amount: "50", period: "rolling", rollingDays: 30, payees: ["SAFEWAY"] });
    const both = (await listBudgets(user.id)).length;
    expect(both).toBe(2);
    const categoryId = (await db().category.findFirstOrThrow({ where: { userId: user.id, name: "Groceries" } })).id;
    const bothBudget = await createBudget(user.id, { title: "Safeway food", amount: "50", period: "monthly", categoryId, payees: ["safeway"] });

    await ready(user.id, byCategory.budget.id);
    await ready(user.id, byPayee.budget.id);
    await ready(user.id, bothBudget.budget.id);
    expect(await linkedIds(byCategory.budget.id)).toEqual([groceries, groceriesSafeway].sort());
    expect((await linkedIds(byPayee.budget.id)).length).toBe(2);
    expect(await linkedIds(bothBudget.budget.id)).toEqual([groceriesSafeway]);
  });
});

describe("editing a budget while it processes", () => {
  it("lets the newer criteria win: the older run writes nothing", async () => {
    const user = await createUser("supersede");
    const coffee = await addTx(user.id, "BLUE BOTTLE COFFEE", -600n);
    const tea = await addTx(user.id, "SAMOVAR TEA LOUNGE", -900n);

    // Hold the links table: the first run waits on it inside its write transaction.
    await pgClient.query("BEGIN");
    await pgClient.query('LOCK TABLE "BudgetTransaction" IN ACCESS EXCLUSIVE MODE');
    let firstJob: string;
    let secondJob: string;
    try {
      const saved = await createBudget(user.id, { title: "Drinks", amount: "50", period: "monthly", keywords: ["coffee"] });
      firstJob = saved.jobId!;
      await waitFor("the first run to wait on the lock", async () => {
        await pgClient.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await pgClient.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%BudgetTransaction%'`,
        );
        return rows[0].n > 0;
      });
      expect((await db().backgroundJob.findUniqueOrThrow({ where: { id: firstJob } })).status).toBe("running");

      const edited = await updateBudget(user.id, saved.budget.id, { keywords: ["tea"] });
      secondJob = edited.jobId!;
      expect(secondJob).not.toBe(firstJob);
      expect(edited.budget.status).toBe("processing");
    } finally {
      await pgClient.query("COMMIT");
    }

    const first = await waitForJob(firstJob!);
    expect(first.message).toBe("Superseded by a newer edit");
    await waitForJob(secondJob!);
    const budgetId = (await listBudgets(user.id))[0].id;
    const budget = await ready(user.id, budgetId);
    expect(await linkedIds(budgetId)).toEqual([tea]);
    expect(await linkedIds(budgetId)).not.toContain(coffee);
    expect(budget.spent).toBe("9.00");
  });

  it("needs no new run when only the amount or title change", async () => {
    const user = await createUser("plainedit");
    const saved = await createBudget(user.id, { title: "Fun", amount: "20", period: "monthly", keywords: ["cinema"] });
    await ready(user.id, saved.budget.id);
    const edited = await updateBudget(user.id, saved.budget.id, { amount: "30.50", title: "Fun money" });
    expect(edited).toMatchObject({ jobId: null, budget: { status: "ready", amount: "30.50", title: "Fun money" } });
  });
});

describe("transaction changes", () => {
  it("re-run the budgets they could affect, old values and new", async () => {
    const user = await createUser("txchange");
    const coffeeBudget = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    const fuelBudget = await createBudget(user.id, { title: "Fuel", amount: "40", period: "monthly", keywords: ["shell"] });
    await ready(user.id, coffeeBudget.budget.id);
    await ready(user.id, fuelBudget.budget.id);
    const runsOf = (budgetId: string) =>
      db().backgroundJob.count({ where: { type: QUEUE.budgetProcessing, payload: { path: ["budgetId"], equals: budgetId } } });
    const fuelRunsBefore = await runsOf(fuelBudget.budget.id);

    const id = await addTx(user.id, "PEET'S COFFEE", -450n);
    await waitFor("the new transaction to be linked", async () => (await linkedIds(coffeeBudget.budget.id)).includes(id));
    expect((await getBudget(user.id, coffeeBudget.budget.id)).spent).toBe("4.50");
    // The fuel budget could not be affected: no run for it.
    expect(await runsOf(fuelBudget.budget.id)).toBe(fuelRunsBefore);

    // Edited away from coffee: the old value's budget loses it.
    await updateTransaction(user.id, id, { description: "PEET'S BEANS" });
    await waitFor("the edited transaction to be unlinked", async () => !(await linkedIds(coffeeBudget.budget.id)).includes(id));

    await updateTransaction(user.id, id, { description: "PEET'S COFFEE" });
    await waitFor("it to be linked again", async () => (await linkedIds(coffeeBudget.budget.id)).includes(id));
    await deleteTransaction(user.id, id);
    await waitFor("the budget to settle", async () => {
      const b = await getBudget(user.id, coffeeBudget.budget.id);
      const pending = await db().backgroundJob.count({ where: { type: QUEUE.budgetProcessing, userId: user.id, status: { in: ["pending", "running"] } } });
      return b.status === "ready" && pending === 0 && b.spent === "0.00";
    });
    expect(await runsOf(fuelBudget.budget.id)).toBe(fuelRunsBefore);
  });

  it("re-runs after an import through requestBudgetReprocessing", async () => {
    const user = await createUser("import");
    const saved = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    await ready(user.id, saved.budget.id);
    // As an import does: rows written directly, then the helper after commit.
    const row = await db().transaction.create({ data: { userId: user.id, date: new Date(`${today}T00:00:00Z`), description: "COFFEE BAR", amountMinor: -300n } });
    const { jobIds } = await requestBudgetReprocessing(user.id, { transactionIds: [row.id] });
    expect(jobIds).toHaveLength(1);
    await waitForJob(jobIds[0]);
    expect(await linkedIds(saved.budget.id)).toEqual([row.id]);
    expect((await requestBudgetReprocessing(user.id, { transactionIds: [] })).jobIds).toEqual([]);
  });

  it("links the rows a CSV import adds, through the csv-import job", async () => {
    const user = await createUser("csv");
    const saved = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    await ready(user.id, saved.budget.id);
    const file = `Date,Description,Amount\n${today},BLUE BOTTLE COFFEE,-6.50\n${today},SHELL OIL,-40.00\n${today},COFFEE BAR,-3.00\n`;
    const upload = await uploadImport(user.id, { bytes: new TextEncoder().encode(file), fileName: "coffee.csv", autoConfirm: true });
    if (!upload.started) throw new Error("autoConfirm should start the import");
    await waitForJob(upload.jobId);
    const coffee = await db().transaction.findMany({ where: { userId: user.id, description: { contains: "COFFEE" } }, select: { id: true } });
    expect(coffee).toHaveLength(2);
    await waitFor("the budget to link the imported coffee", async () => {
      const linked = await linkedIds(saved.budget.id);
      return linked.length === 2 ? linked : null;
    });
    expect(await linkedIds(saved.budget.id)).toEqual(coffee.map((t) => t.id).sort());
    expect(await ready(user.id, saved.budget.id)).toMatchObject({ transactionCount: 2, spent: "9.50" });
  });
});

describe("budget evaluation", () => {
  it("writes one insight per budget, kind and period across reruns, and notifies once", async () => {
    const user = await createUser("evaluate");
    await addTx(user.id, "BLUE BOTTLE COFFEE", -12_000n);
    const over = await createBudget(user.id, { title: "Coffee", amount: "100", period: "monthly", keywords: ["coffee"] });
    await addTx(user.id, "CINEMA", -8_500n);
    const near = await createBudget(user.id, { title: "Fun", amount: "100", period: "monthly", keywords: ["cinema"], alertThresholdPercent: 80 });
    await ready(user.id, over.budget.id);
    await ready(user.id, near.budget.id);

    // Twice by the job (for this user) and once more directly, on the same day.
    const ctx = { jobId: "t", attempt: 1, progress: async () => {}, log: async () => {}, itemDone: () => {}, itemFailed: () => {}, throwIfCancelled: async () => {} };
    await budgetEvaluationJob.run({ userId: user.id }, ctx);
    await budgetEvaluationJob.run({}, ctx);
    await evaluateUserBudgets(user.id);

    const insights = await db().insight.findMany({ where: { userId: user.id }, orderBy: { type: "asc" } });
    const start = periodProgress({ period: "monthly" }, today).start;
    const byKey = new Map(insights.map((i) => [i.dedupeKey, i]));
    expect(byKey.get(`budget_exceeded:${over.budget.id}:${start}`)).toMatchObject({ severity: "critical", budgetId: over.budget.id });
    expect(byKey.get(`budget_warning:${near.budget.id}:${start}`)).toMatchObject({ severity: "warning" });
    expect(byKey.get(`budget_exceeded:${over.budget.id}:${start}`)!.data).toMatchObject({ spent: "120.00", amount: "100.00", percent: 120 });
    expect(byKey.get(`budget_exceeded:${over.budget.id}:${start}`)!.expiresAt!.toISOString()).toBe(
      `${addDays(periodProgress({ period: "monthly" }, today).end, 1)}T00:00:00.000Z`,
    );
    // Projections appear only late in the month; whatever appeared, nothing is duplicated.
    expect(new Set(insights.map((i) => i.dedupeKey)).size).toBe(insights.length);
    expect(insights.filter((i) => i.type === "budget_exceeded")).toHaveLength(1);
    expect(insights.filter((i) => i.type === "budget_warning")).toHaveLength(1);
    const notes = await db().notification.findMany({ where: { userId: user.id, kind: "budget_exceeded" } });
    expect(notes).toHaveLength(1);

    // A refund brings the coffee budget back under its threshold: the exceeded insight goes.
    // In an expense category, so it is a refund (uncategorized money in would be income).
    await addTx(user.id, "BLUE BOTTLE COFFEE REFUND", 11_000n, today, "Coffee");
    await waitFor("the refund to be linked", async () => (await getBudget(user.id, over.budget.id)).spent === "10.00");
    await evaluateUserBudgets(user.id);
    expect(await db().insight.count({ where: { userId: user.id, type: "budget_exceeded" } })).toBe(0);
  });

  it("runs as the scheduled job over every user", async () => {
    const user = await createUser("scheduled");
    await addTx(user.id, "GYM MONTHLY", -5_000n);
    const saved = await createBudget(user.id, { title: "Gym", amount: "40", period: "monthly", keywords: ["gym"] });
    await ready(user.id, saved.budget.id);
    await db().insight.deleteMany({ where: { userId: user.id } });
    const { startBudgetEvaluation } = await import("../../lib/budgets/evaluate-budgets");
    const { jobId } = await startBudgetEvaluation();
    const job = await waitForJob(jobId);
    expect(job.result).toMatchObject({ failed: 0 });
    expect(await db().insight.count({ where: { userId: user.id, type: "budget_exceeded" } })).toBe(1);
  });
});

describe("failures", () => {
  it("show the reason on the budget after the last attempt, and Retry queues it again", async () => {
    const user = await createUser("failure");
    const saved = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    await ready(user.id, saved.budget.id);
    const { criteriaVersion } = await db().budget.findUniqueOrThrow({ where: { id: saved.budget.id } });
    // What the worker calls once the job has failed for good.
    await budgetProcessingJob.failed({ userId: user.id, budgetId: saved.budget.id, criteriaVersion }, "connection reset");
    expect(await getBudget(user.id, saved.budget.id)).toMatchObject({ status: "error", error: "Matching transactions failed: the database or the job queue could not be reached for a moment; it is tried again automatically" });
    // An older run's failure never marks a newer edit's budget.
    await budgetProcessingJob.failed({ userId: user.id, budgetId: saved.budget.id, criteriaVersion: criteriaVersion - 1 }, "old");
    expect((await getBudget(user.id, saved.budget.id)).error).toBe("Matching transactions failed: the database or the job queue could not be reached for a moment; it is tried again automatically");

    const retried = await retryBudget(user.id, saved.budget.id);
    expect(retried.budget).toMatchObject({ status: "processing", error: null });
    await waitForJob(retried.jobId!);
    await ready(user.id, saved.budget.id);
    expect(await statusOf(retryBudget(user.id, saved.budget.id))).toBe(409);
  });

  it("marks the budget error when its run fails for good (through the worker's failure hook)", async () => {
    const user = await createUser("permanent");
    const saved = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    await ready(user.id, saved.budget.id);
    // Criteria removed behind the API's back: the run cannot match anything and fails at once.
    await db().budget.update({ where: { id: saved.budget.id }, data: { keywords: [] } });
    const { jobIds } = await requestBudgetReprocessing(user.id);
    const job = await waitForJob(jobIds[0], ["failed"]);
    expect(job.error).toMatch(/no category, keyword or payee/);
    // The failure hook runs after the job's row is marked failed: wait for it, not for the row.
    const failed = await waitFor("the budget to show its error", async () => {
      const budget = await getBudget(user.id, saved.budget.id);
      return budget.status === "error" ? budget : null;
    });
    expect(failed).toMatchObject({
      status: "error",
      error: "Matching transactions failed: the budget has no category, keyword or payee to match",
    });
  });

  it("fails a run whose budget was deleted, and cancels the waiting one", async () => {
    const user = await createUser("deleted");
    const saved = await createBudget(user.id, { title: "Coffee", amount: "40", period: "monthly", keywords: ["coffee"] });
    await ready(user.id, saved.budget.id);
    await deleteBudget(user.id, saved.budget.id);
    const { processBudget } = await import("../../lib/budgets/process-budget");
    await expect(processBudget(user.id, saved.budget.id, 1)).rejects.toMatchObject({ name: "PermanentJobError" });
  });
});

describe("scoping and validation", () => {
  it("answers 404 for another user's budget", async () => {
    const owner = await createUser("owner");
    const intruder = await createUser("intruder");
    const saved = await createBudget(owner.id, { title: "Mine", amount: "10", period: "monthly", keywords: ["x"] });
    expect(await statusOf(getBudget(intruder.id, saved.budget.id))).toBe(404);
    expect(await statusOf(updateBudget(intruder.id, saved.budget.id, { title: "Yours" }))).toBe(404);
    expect(await statusOf(retryBudget(intruder.id, saved.budget.id))).toBe(404);
    expect(await statusOf(deleteBudget(intruder.id, saved.budget.id))).toBe(404);
    expect(await listBudgets(intruder.id)).toEqual([]);
    const otherCategory = await db().category.create({ data: { userId: owner.id, name: "Private" } });
    expect(await statusOf(createBudget(intruder.id, { title: "x", amount: "1", period: "monthly", categoryId: otherCategory.id }))).toBe(422);
    await ready(owner.id, saved.budget.id);
  });

  it("answers 422 with field errors for bad bodies and saves nothing", async () => {
    const user = await createUser("invalid");
    const fields = async (body: unknown) => {
      try {
        await createBudget(user.id, body);
      } catch (err) {
        const res = errorResponse(err);
        expect(res.status).toBe(422);
        return Object.keys(((await res.json()) as { fields: Record<string, string[]> }).fields);
      }
      throw new Error("accepted an invalid body");
    };
    const base = { title: "B", amount: "10", period: "monthly", keywords: ["k"] };
    expect(await fields({ ...base, amount: "0" })).toEqual(["amount"]);
    expect(await fields({ ...base, amount: "-5" })).toEqual(["amount"]);
    expect(await fields({ ...base, period: "rolling" })).toEqual(["rollingDays"]);
    expect(await fields({ ...base, period: "rolling", rollingDays: 367 })).toEqual(["rollingDays"]);
    expect(await fields({ ...base, period: "custom", startDate: "2026-05-02", endDate: "2026-05-01" })).toEqual(["endDate"]);
    expect(await fields({ ...base, keywords: [] })).toEqual(["criteria"]);
    expect(await fields({ ...base, title: "" })).toEqual(["title"]);
    expect(await db().budget.count({ where: { userId: user.id } })).toBe(0);

    const saved = await createBudget(user.id, base);
    expect(await statusOf(updateBudget(user.id, saved.budget.id, { keywords: [] }))).toBe(422);
    expect(await statusOf(updateBudget(user.id, saved.budget.id, { period: "custom", startDate: "2026-01-01" }))).toBe(422);
    expect((await db().budget.findUniqueOrThrow({ where: { id: saved.budget.id } })).keywords).toEqual(["k"]);
    await ready(user.id, saved.budget.id);
  });
});
