import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCategorize } from "../../lib/categorize/run-categorization";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { previewRule } from "../../lib/rules/apply-rule";
import { getRuleApplication, startRuleApplication, startRuleUndo } from "../../lib/rules/rule-applications";
import { createRule, previewRuleInput } from "../../lib/rules/user-rules";
import { cleanOldRuleApplications, RULE_APPLICATION_RETENTION_MS } from "../../lib/maintenance/clean-old-rule-applications";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("rule-apply");
  worker = await startWorker({ queues: [QUEUE.ruleApply, QUEUE.categorize, QUEUE.financialSummary] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function category(userId: string, name: string) {
  return db().category.upsert({ where: { userId_name: { userId, name } }, create: { userId, name }, update: {}, select: { id: true } });
}

interface Row {
  description: string;
  amountMinor?: bigint;
  date?: string;
  payee?: string | null;
  category?: string;
  categorySource?: string | null;
  categoryConfidence?: number | null;
  needsReview?: boolean;
  suggestedCategory?: string | null;
}

async function addRows(userId: string, rows: Row[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const created = await db().transaction.create({
      data: {
        userId,
        date: new Date(`${r.date ?? "2026-11-02"}T00:00:00Z`),
        description: r.description,
        payee: r.payee ?? null,
        amountMinor: r.amountMinor ?? -1000n,
        categoryId: r.category ? (await category(userId, r.category)).id : null,
        categorySource: r.categorySource ?? null,
        categoryConfidence: r.categoryConfidence ?? null,
        needsReview: r.needsReview ?? false,
        suggestedCategory: r.suggestedCategory ?? null,
      },
    });
    ids.push(created.id);
  }
  return ids;
}

const categoryState = (id: string) =>
  db().transaction.findUniqueOrThrow({
    where: { id },
    select: { categoryId: true, categorySource: true, categoryConfidence: true, needsReview: true, suggestedCategory: true },
  });

describe("previewing a rule", () => {
  it("counts the rows whose category would change, newest first, current → new, and only the user's own", async () => {
    const user = await createUser("preview");
    const other = await createUser("preview-other");
    await addRows(user.id, [
      { description: "UBER *TRIP 1", date: "2026-11-01", category: "Shopping", categorySource: "dictionary" },
      { description: "UBER  *TRIP 2", date: "2026-11-03" },
      { description: "uber trip 3", date: "2026-11-02", category: "Transport", categorySource: "user" },
      { description: "LYFT RIDE", date: "2026-11-04" },
    ]);
    await addRows(other.id, [{ description: "UBER TRIP other", date: "2026-11-05" }]);

    const preview = await previewRuleInput(user.id, { field: "description", operator: "contains", value: "uber", category: "Transport" });
    expect(preview).toMatchObject({ changes: 2, unchanged: 1, shadowed: 0, complete: true });
    expect(preview.sample.map((s) => [s.description, s.from, s.to])).toEqual([
      ["UBER  *TRIP 2", null, "Transport"],
      ["UBER *TRIP 1", "Shopping", "Transport"],
    ]);
    expect(preview.sample[0]).toMatchObject({ date: "2026-11-03", amount: "-10.00" });
  });

  it("leaves out the rows an earlier rule takes (first match wins) and says how many", async () => {
    const user = await createUser("shadow");
    await createRule(user.id, { field: "description", operator: "contains", value: "uber eats", category: "Eating out" });
    await addRows(user.id, [{ description: "UBER EATS PENDING" }, { description: "UBER TRIP" }]);
    const preview = await previewRuleInput(user.id, { field: "description", operator: "starts_with", value: "uber", category: "Transport" });
    expect(preview).toMatchObject({ changes: 1, shadowed: 1 });
    expect(preview.sample.map((s) => s.description)).toEqual(["UBER TRIP"]);
  });

  it("previews an edit in the rule's own place, not as a new last rule", async () => {
    const user = await createUser("edit");
    const first = await createRule(user.id, { field: "description", operator: "contains", value: "zzz", category: "Transport" });
    await createRule(user.id, { field: "description", operator: "contains", value: "uber", category: "Other" });
    await addRows(user.id, [{ description: "UBER TRIP" }]);
    const asEdit = await previewRuleInput(user.id, { field: "description", operator: "contains", value: "uber", category: "Transport" }, first.id);
    expect(asEdit).toMatchObject({ changes: 1, shadowed: 0 });
    const asNew = await previewRuleInput(user.id, { field: "description", operator: "contains", value: "uber", category: "Transport" });
    expect(asNew).toMatchObject({ changes: 0, shadowed: 1 });
    await expect(previewRuleInput(user.id, { field: "description", operator: "contains", value: "uber", category: "X" }, "not-a-rule")).rejects.toMatchObject({ code: "not_found" });
  });

  it("matches payee rules on the payee cleaned from the description when none is stored, and amount rules exactly", async () => {
    const user = await createUser("payee");
    await addRows(user.id, [
      { description: "SQ *BLUE BOTTLE #123 OAKLAND", payee: null, amountMinor: -650n },
      { description: "BB COFFEE", payee: "Blue Bottle", amountMinor: -800n },
      { description: "SOMETHING ELSE", payee: "Peet's", amountMinor: -801n },
    ]);
    const byPayee = await previewRuleInput(user.id, { field: "payee", operator: "equals", value: "blue bottle", category: "Coffee" });
    expect(byPayee.changes).toBe(2);
    const between = await previewRuleInput(user.id, { field: "amount", operator: "between", value: "-8.00", valueTo: "-6.50", category: "Coffee" });
    expect(between.sample.map((s) => s.amount).sort()).toEqual(["-6.50", "-8.00"]);
  });

  it("refuses a bad rule with field errors and hostile patterns before matching anything", async () => {
    const user = await createUser("bad");
    await expect(previewRuleInput(user.id, { field: "description", operator: "regex", value: "(a)\\1", category: "X" })).rejects.toBeInstanceOf(ZodError);
    await expect(previewRuleInput(user.id, { field: "description", operator: "regex", value: "[\\s\\S]{0,1000}x{0,1000}y", category: "X" })).rejects.toBeInstanceOf(ZodError);
    await expect(previewRuleInput(user.id, { field: "amount", operator: "gt", value: "lots", category: "X" })).rejects.toBeInstanceOf(ZodError);
  });

  // Issue 11's patterns: with backtracking each took seconds on a few dozen characters.
  it("answers quickly on patterns that make a backtracking engine explode, over long descriptions", async () => {
    const user = await createUser("hostile");
    const long = `${"a".repeat(5_000)}_`;
    await db().transaction.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({ userId: user.id, date: new Date("2026-10-01T00:00:00Z"), description: `${long}${i}`, amountMinor: -100n })),
    });
    for (const pattern of ["(a|a)*b", "(a+)+$", "(.|a)*!", "(\\w+\\s?)*$"]) {
      const started = performance.now();
      const preview = await previewRuleInput(user.id, { field: "description", operator: "regex", value: pattern, category: "X" });
      const ms = performance.now() - started;
      expect(preview.complete).toBe(true);
      expect(ms, `${pattern} took ${ms.toFixed(0)} ms`).toBeLessThan(3_000);
    }
  });

  it("stops at its time budget and says the counts are a lower bound", async () => {
    const user = await createUser("budget");
    await db().transaction.createMany({
      data: Array.from({ length: 6_000 }, (_, i) => ({ userId: user.id, date: new Date(Date.UTC(2026, 0, 1 + (i % 300))), description: `SHOP ${i}`, amountMinor: -100n })),
    });
    // A clock that jumps 2 s per reading: the first page is read, then the budget is spent.
    let t = 0;
    const preview = await previewRule(user.id, { field: "description", operator: "regex", value: "^shop", category: "Shopping" }, undefined, () => (t += 2_000));
    expect(preview).toMatchObject({ complete: false, scanned: 5_000, changes: 5_000 });
  });
});

describe("applying a rule to existing transactions", () => {
  it("re-categorizes the rows the rule takes in a job, records what it changed, and Undo restores exactly that", async () => {
    const user = await createUser("apply");
    const other = await createUser("apply-other");
    const [machine, review, plain, already, untouched] = await addRows(user.id, [
      { description: "NETFLIX.COM 1", category: "Entertainment", categorySource: "classifier", categoryConfidence: 0.71 },
      { description: "NETFLIX.COM 2", needsReview: true, suggestedCategory: "Shopping", categoryConfidence: 0.4 },
      { description: "NETFLIX.COM 3", category: "Misc" },
      { description: "NETFLIX.COM 4", category: "Subscriptions", categorySource: "user" },
      { description: "SPOTIFY" , category: "Music", categorySource: "dictionary", categoryConfidence: 0.9 },
    ]);
    const [othersRow] = await addRows(other.id, [{ description: "NETFLIX.COM", category: "TV", categorySource: "classifier" }]);
    const before = await Promise.all([machine, review, plain, already, untouched, othersRow].map(categoryState));

    const rule = await createRule(user.id, { field: "description", operator: "starts_with", value: "netflix", category: "Subscriptions" });
    const { application, jobId } = await startRuleApplication(user.id, rule.id);
    expect(application.status).toBe("applying");
    const job = await waitForJob(jobId);
    expect(job.result).toMatchObject({ changed: 3 });
    expect(job.message).toBe("Changed the category of 3 transactions");
    expect(await getRuleApplication(user.id, application.id)).toMatchObject({ status: "applied", changed: 3 });

    const subscriptions = (await category(user.id, "Subscriptions")).id;
    for (const id of [machine, review, plain]) {
      expect(await categoryState(id)).toEqual({ categoryId: subscriptions, categorySource: "rule", categoryConfidence: 1, needsReview: false, suggestedCategory: null });
    }
    expect(await categoryState(already)).toEqual(before[3]);
    expect(await categoryState(untouched)).toEqual(before[4]);
    expect(await categoryState(othersRow)).toEqual(before[5]);
    // The category change reached the summary's outbox.
    expect(await db().backgroundJob.count({ where: { userId: user.id, type: QUEUE.financialSummary } })).toBeGreaterThan(0);

    // The person re-files one of them by hand before undoing: that one stays as they set it.
    const misc = (await category(user.id, "Misc")).id;
    await db().transaction.update({ where: { id: plain }, data: { categoryId: (await category(user.id, "Streaming")).id, categorySource: "user" } });
    const undo = await startRuleUndo(user.id, application.id);
    await expect(startRuleUndo(user.id, application.id)).rejects.toMatchObject({ code: "conflict" });
    const undone = await waitForJob(undo.jobId);
    expect(undone.result).toMatchObject({ restored: 2, keptChanged: 1 });
    expect(undone.message).toMatch(/^Restored the earlier category of 2 transactions \(1 changed since/);
    expect(await categoryState(machine)).toEqual(before[0]);
    expect(await categoryState(review)).toEqual(before[1]);
    expect((await categoryState(plain)).categoryId).not.toBe(misc);
    expect(await getRuleApplication(user.id, application.id)).toMatchObject({ status: "undone", restored: 2 });
  });

  it("does not let another user apply, undo or read someone's rule or application", async () => {
    const owner = await createUser("owner");
    const intruder = await createUser("intruder");
    const rule = await createRule(owner.id, { field: "description", operator: "contains", value: "x", category: "X" });
    await expect(startRuleApplication(intruder.id, rule.id)).rejects.toMatchObject({ code: "not_found" });
    const { application, jobId } = await startRuleApplication(owner.id, rule.id);
    await waitForJob(jobId);
    await expect(startRuleUndo(intruder.id, application.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRuleApplication(intruder.id, application.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("applies across several batches and is safe to run twice", async () => {
    const user = await createUser("batches");
    await db().transaction.createMany({
      data: Array.from({ length: 2_500 }, (_, i) => ({ userId: user.id, date: new Date(Date.UTC(2025, 0, 1 + (i % 500))), description: i % 2 ? `AMZN MKTP ${i}` : `OTHER ${i}`, amountMinor: -100n })),
    });
    const rule = await createRule(user.id, { field: "description", operator: "contains", value: "amzn mktp", category: "Shopping" });
    const { application, jobId } = await startRuleApplication(user.id, rule.id);
    expect((await waitForJob(jobId)).result).toMatchObject({ changed: 1_250 });
    expect(await db().ruleApplicationChange.count({ where: { applicationId: application.id } })).toBe(1_250);
    const again = await startRuleApplication(user.id, rule.id);
    expect((await waitForJob(again.jobId)).result).toMatchObject({ changed: 0 });
  });
});

describe("rules win over the dictionary and the classifier", () => {
  it("a categorize run gives a rule's category to rows the dictionary or classifier had filed", async () => {
    const user = await createUser("wins");
    const [dictionaryRow, classifierRow, usersRow] = await addRows(user.id, [
      { description: "STARBUCKS STORE 123", category: "Dining", categorySource: "dictionary", categoryConfidence: 0.9 },
      { description: "STARBUCKS RESERVE", category: "Shopping", categorySource: "classifier", categoryConfidence: 0.8 },
      { description: "STARBUCKS GIFT CARD", category: "Gifts", categorySource: "user" },
    ]);
    const [fresh] = await addRows(user.id, [{ description: "STARBUCKS STORE 999" }]);
    await createRule(user.id, { field: "description", operator: "contains", value: "starbucks", category: "Coffee" });

    const job = await waitForJob((await startCategorize(user.id, { kind: "classification" })).jobId);
    expect(job.result).toMatchObject({ total: 1, categorized: 1, ruleOverrides: 2 });
    expect(job.message).toMatch(/; 2 re-filed by a rule that matches them$/);
    const coffee = (await category(user.id, "Coffee")).id;
    for (const id of [dictionaryRow, classifierRow, fresh]) expect(await categoryState(id)).toMatchObject({ categoryId: coffee, categorySource: "rule" });
    // What the person chose themselves is theirs: a categorize run does not override it.
    expect(await categoryState(usersRow)).toMatchObject({ categorySource: "user" });
  });

  it("on import, a rule decides the new rows even where the dictionary knows the merchant", async () => {
    const user = await createUser("import-wins");
    await createRule(user.id, { field: "payee", operator: "equals", value: "starbucks", category: "Client meetings" });
    const imp = await db().import.create({ data: { userId: user.id, fileName: "x.csv", fileSize: 1, fileSha256: "x", mapping: {}, status: "completed" } });
    await db().transaction.create({ data: { userId: user.id, date: new Date("2026-11-02T00:00:00Z"), description: "STARBUCKS STORE 4411", amountMinor: -550n, importId: imp.id } });
    const job = await waitForJob((await startCategorize(user.id, { kind: "classification", importId: imp.id })).jobId);
    expect(job.result).toMatchObject({ categorized: 1 });
    const row = await db().transaction.findFirstOrThrow({ where: { userId: user.id }, include: { category: true } });
    expect(row).toMatchObject({ categorySource: "rule", category: { name: "Client meetings" } });
  });
});

describe("rule applications past their undo window", () => {
  it("are removed by data-cleanup with their change rows; recent ones and running ones stay", async () => {
    const user = await createUser("rule-apply-retention");
    const category = await db().category.create({ data: { userId: user.id, name: "Retention" } });
    const tx = await db().transaction.create({ data: { userId: user.id, date: new Date("2026-01-02"), description: "X", amountMinor: -100n } });
    const longAgo = new Date(Date.now() - RULE_APPLICATION_RETENTION_MS - 3600_000);
    const make = (status: "applied" | "applying" | "undone", createdAt: Date) =>
      db().ruleApplication.create({
        data: { userId: user.id, ruleText: "X", categoryId: category.id, status, createdAt, changes: { create: { transactionId: tx.id, previousNeedsReview: false } } },
      });
    const old = await make("applied", longAgo);
    const oldUndone = await make("undone", longAgo);
    const running = await make("applying", longAgo);
    const recent = await make("applied", new Date());

    expect(await cleanOldRuleApplications()).toBeGreaterThanOrEqual(2);
    const left = await db().ruleApplication.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(left.map((a) => a.id).sort()).toEqual([running.id, recent.id].sort());
    expect(await db().ruleApplicationChange.count({ where: { applicationId: { in: [old.id, oldUndone.id] } } })).toBe(0);
    expect(await db().ruleApplicationChange.count({ where: { applicationId: recent.id } })).toBe(1);
  });
});
