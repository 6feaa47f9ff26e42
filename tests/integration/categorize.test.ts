import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewSuggestions } from "../../lib/categorize/review-suggestions";
import { startCategorize } from "../../lib/categorize/run-categorization";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createRule, listRules, reorderRules } from "../../lib/rules/user-rules";
import { createTransaction } from "../../lib/transactions/transactions";
import { listTransactions } from "../../lib/transactions/list-transactions";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("categorize");
  worker = await startWorker({ queues: [QUEUE.categorize, QUEUE.financialSummary] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

describe("the categorize job", () => {
  it("classifies by the user's rules first, then the dictionary, and leaves unknowns for review", async () => {
    const user = await createUser("classify");
    await createRule(user.id, { field: "description", operator: "contains", value: "landlord", category: "Rent" });
    const add = (description: string, amount: bigint) =>
      createTransaction(user.id, { date: "2026-11-02", description, amount }).then((r) => r.transaction.id);
    const rent = await add("ACH LANDLORD PROPERTY MGMT", -180000n);
    const coffee = await add("SQ *BLUE BOTTLE #123 OAKLAND", -650n);
    const mystery = await add("XQZT 99812 REF 0021", -1234n);
    // The user's own categories: Rent (from the rule) and Dining (already filed by hand).
    await createTransaction(user.id, { date: "2026-11-01", description: "Dinner with Sam", amount: -4200n, category: "Dining" });

    const { jobId } = await startCategorize(user.id, { kind: "classification" });
    const job = await waitForJob(jobId);
    expect(job.result).toMatchObject({ total: 3, categorized: 2, needsReview: 1, errors: 0 });
    expect(job.message).toMatch(/^Categorized 2 \(\d high confidence\), 1 need review, 0 errors$/);

    const byId = new Map((await listTransactions(user.id, { limit: 10 })).transactions.map((t) => [t.id, t]));
    expect(byId.get(rent)).toMatchObject({ category: "Rent", categorySource: "rule", needsReview: false });
    expect(byId.get(coffee)).toMatchObject({ categorySource: "dictionary", needsReview: false });
    // The dictionary's "Coffee" lands in the user's Dining: no category they do not have.
    expect(byId.get(coffee)!.category).toBe("Dining");
    expect((await db().category.findMany({ where: { userId: user.id }, select: { name: true } })).map((c) => c.name).sort()).toEqual(["Dining", "Rent"]);
    expect(byId.get(mystery)).toMatchObject({ category: null, needsReview: true });

    // New categories change the spending breakdown: a summary recompute follows.
    const summaries = await db().backgroundJob.findMany({ where: { userId: user.id, type: QUEUE.financialSummary } });
    expect(summaries.length).toBeGreaterThan(0);
  });

  it("a run an import started notifies only when something needs review; a run the person started always does", async () => {
    const user = await createUser("import-run");
    const imported = await db().import.create({ data: { userId: user.id, fileName: "bank.csv", fileSize: 1, fileSha256: "x", mapping: {} } });
    await createTransaction(user.id, { date: "2026-11-01", description: "Dinner with Sam", amount: -4200n, category: "Dining" });
    const { transaction: coffee } = await createTransaction(user.id, { date: "2026-11-02", description: "SQ *BLUE BOTTLE #123 OAKLAND", amount: -650n });
    await db().transaction.update({ where: { id: coffee.id }, data: { importId: imported.id } });
    const notes = () => db().notification.count({ where: { userId: user.id, kind: "categorize_completed" } });

    const quiet = await waitForJob((await startCategorize(user.id, { kind: "classification", importId: imported.id })).jobId);
    expect(quiet.result).toMatchObject({ total: 1, categorized: 1, needsReview: 0 });
    expect(await notes()).toBe(0);

    const { transaction: mystery } = await createTransaction(user.id, { date: "2026-11-03", description: "XQZT 99812 REF 0021", amount: -1234n });
    await db().transaction.update({ where: { id: mystery.id }, data: { importId: imported.id } });
    const review = await waitForJob((await startCategorize(user.id, { kind: "classification", importId: imported.id })).jobId);
    expect(review.result).toMatchObject({ needsReview: 1 });
    expect(await notes()).toBe(1);

    await waitForJob((await startCategorize(user.id, { kind: "classification" })).jobId);
    expect(await notes()).toBe(2);
  });

  it("does not offer a rejected suggestion again on the next run", async () => {
    const user = await createUser("rejecter");
    await createTransaction(user.id, { date: "2026-11-01", description: "Shirt", amount: -2000n, category: "Shopping" });
    const { transaction } = await createTransaction(user.id, { date: "2026-11-02", description: "BOUTIQUE LUNA PARIS", amount: -8000n });
    const first = await waitForJob((await startCategorize(user.id, { kind: "classification" })).jobId);
    expect(first.result).toMatchObject({ total: 1, needsReview: 1 });
    expect(await db().transaction.findUniqueOrThrow({ where: { id: transaction.id } })).toMatchObject({ needsReview: true, suggestedCategory: "Shopping" });

    await reviewSuggestions(user.id, { items: [{ id: transaction.id, action: "reject" }] });
    const second = await waitForJob((await startCategorize(user.id, { kind: "classification" })).jobId);
    expect(second.result).toMatchObject({ total: 0 });
    expect(await db().transaction.findUniqueOrThrow({ where: { id: transaction.id } })).toMatchObject({ needsReview: false, suggestedCategory: null, categoryId: null });
  });

  it("cleans raw descriptions into payees", async () => {
    const user = await createUser("payees");
    const { transaction } = await createTransaction(user.id, { date: "2026-11-03", description: "SQ *BLUE BOTTLE #123 OAKLAND", amount: -650n });
    const { jobId } = await startCategorize(user.id, { kind: "payee_lookup" });
    const job = await waitForJob(jobId);
    expect(job.result).toMatchObject({ total: 1, updated: 1 });
    expect((await db().transaction.findUniqueOrThrow({ where: { id: transaction.id } })).payee).toBe("Blue Bottle");
  });

  it("only touches the user's own transactions", async () => {
    const owner = await createUser("owner");
    const other = await createUser("intruder");
    const { transaction } = await createTransaction(owner.id, { date: "2026-11-03", description: "SHELL OIL 57442", amount: -4000n });
    const { jobId } = await startCategorize(other.id, { kind: "classification", transactionIds: [transaction.id] });
    expect((await waitForJob(jobId)).result).toMatchObject({ total: 0 });
    expect((await db().transaction.findUniqueOrThrow({ where: { id: transaction.id } })).categoryId).toBeNull();
  });
});

describe("rules", () => {
  it("refuse an invalid regex with a field error and keep their order", async () => {
    const user = await createUser("rules");
    await expect(createRule(user.id, { field: "description", operator: "regex", value: "acme(?=corp)", category: "X" })).rejects.toMatchObject({
      name: "ZodError",
    });
    const a = await createRule(user.id, { field: "payee", operator: "equals", value: "Uber", category: "Transport" });
    const b = await createRule(user.id, { field: "amount", operator: "lt", value: "-500.00", category: "Big spend" });
    expect((await listRules(user.id)).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await reorderRules(user.id, [b.id, a.id])).map((r) => r.id)).toEqual([b.id, a.id]);
    await expect(reorderRules(user.id, [b.id])).rejects.toMatchObject({ code: "validation_failed" });
  });
});
