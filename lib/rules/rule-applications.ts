import { db } from "../db";
import { AppError, notFound, PermanentJobError } from "../errors";
import type { Rule } from "../finance/categorize";
import { ruleApplyJob } from "../jobs/rule-apply";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/define-job";
import {
  dispatchTransactionFollowUps,
  followTransactionChange,
  recordTransactionChange,
  type TransactionFollowUps,
} from "../transactions/record-transaction-change";
import { CATEGORY_CHANGE, ruleTarget, scanRulePage } from "./apply-rule";
import { listRulesForCategorizer } from "./user-rules";

// "Apply to existing transactions": a rule-apply job re-categorizes, in batches, every row
// whose first matching rule is this one, and keeps each changed row's category state from
// before (RuleApplicationChange); its undo (the same job type) puts exactly that back on the
// rows the person has not re-categorized since. Each batch commits with its summary run
// (recordTransactionChange); budgets follow once at the end (followTransactionChange).

const APPLY_BATCH = 1_000;
const UNDO_BATCH = 1_000;

export interface RuleApplicationView {
  id: string;
  ruleId: string | null;
  ruleText: string;
  status: string;
  changed: number;
  restored: number;
  jobId: string | null;
  createdAt: string;
}

function toView(a: { id: string; ruleId: string | null; ruleText: string; status: string; changed: number; restored: number; jobId: string | null; createdAt: Date }): RuleApplicationView {
  return { id: a.id, ruleId: a.ruleId, ruleText: a.ruleText, status: a.status, changed: a.changed, restored: a.restored, jobId: a.jobId, createdAt: a.createdAt.toISOString() };
}

const OPERATOR_WORDS: Record<string, string> = {
  contains: "contains",
  equals: "is",
  starts_with: "starts with",
  ends_with: "ends with",
  regex: "matches",
  gt: "is more than",
  lt: "is less than",
  between: "is between",
};

/** "Payee is “Blue Bottle” → Coffee", for notifications and the job's message. */
export function describeRule(rule: Pick<Rule, "field" | "operator" | "value" | "valueTo" | "category">): string {
  const field = rule.field[0].toUpperCase() + rule.field.slice(1);
  const value = rule.operator === "between" ? `${rule.value} and ${rule.valueTo}` : `“${rule.value}”`;
  return `${field} ${OPERATOR_WORDS[rule.operator] ?? rule.operator} ${value} → ${rule.category}`;
}

/** Starts applying the user's rule `ruleId`: an application row and its job, in one transaction. */
export async function startRuleApplication(userId: string, ruleId: string): Promise<{ application: RuleApplicationView; jobId: string }> {
  const rule = await db().rule.findFirst({ where: { id: ruleId, userId }, include: { category: { select: { name: true } } } });
  if (!rule) throw notFound("Rule");
  const { application, requested } = await db().$transaction(async (tx) => {
    const created = await tx.ruleApplication.create({
      data: { userId, ruleId, categoryId: rule.categoryId, ruleText: describeRule({ ...rule, field: rule.field as Rule["field"], operator: rule.operator as Rule["operator"], category: rule.category.name }) },
    });
    const requested = await ruleApplyJob.request(tx, { userId, applicationId: created.id, action: "apply" });
    const application = await tx.ruleApplication.update({ where: { id: created.id }, data: { jobId: requested.id } });
    return { application, requested };
  });
  await ruleApplyJob.dispatch(requested);
  return { application: toView(application), jobId: requested.id };
}

/** Starts undoing an application: only a finished one (applied, or failed part-way). */
export async function startRuleUndo(userId: string, applicationId: string): Promise<{ application: RuleApplicationView; jobId: string }> {
  const { application, requested } = await db().$transaction(async (tx) => {
    // The status check and the switch to "undoing" in one statement: two clicks start one undo.
    const { count } = await tx.ruleApplication.updateMany({
      where: { id: applicationId, userId, status: { in: ["applied", "failed"] } },
      data: { status: "undoing" },
    });
    if (count === 0) {
      const existing = await tx.ruleApplication.findFirst({ where: { id: applicationId, userId }, select: { status: true } });
      if (!existing) throw notFound("Rule application");
      throw new AppError("conflict", existing.status === "applying" ? "The rule is still being applied; undo once it has finished" : `This application is already ${existing.status}`);
    }
    const requested = await ruleApplyJob.request(tx, { userId, applicationId, action: "undo" });
    const application = await tx.ruleApplication.update({ where: { id: applicationId }, data: { jobId: requested.id } });
    return { application, requested };
  });
  await ruleApplyJob.dispatch(requested);
  return { application: toView(application), jobId: requested.id };
}

export async function getRuleApplication(userId: string, applicationId: string): Promise<RuleApplicationView> {
  const row = await db().ruleApplication.findFirst({ where: { id: applicationId, userId } });
  if (!row) throw notFound("Rule application");
  return toView(row);
}

/** The job's apply: every row the rule takes whose category differs gets the rule's category. */
export async function runRuleApplication(userId: string, applicationId: string, ctx: JobContext): Promise<ProcessorOutcome> {
  const application = await db().ruleApplication.findFirst({ where: { id: applicationId, userId } });
  if (!application) throw new PermanentJobError(`rule application ${applicationId} not found`);
  if (application.status !== "applying") {
    return { result: { applicationId, changed: application.changed, skipped: application.status }, message: `Already ${application.status}` };
  }
  const stored = application.ruleId ? (await listRulesForCategorizer(userId)).find((r) => r.id === application.ruleId) : undefined;
  if (!stored) {
    await db().ruleApplication.update({ where: { id: applicationId }, data: { status: "applied" } });
    return { result: { applicationId, changed: 0 }, message: "The rule was deleted before it could be applied" };
  }
  const target = await ruleTarget(userId, stored, stored.id);
  const categoryId = application.categoryId;
  // Rows already done by an earlier attempt of this job have the category now and are not read again as changes.
  const total = await db().transaction.count({ where: { userId } });
  await ctx.progress(0, "Finding matching transactions…");

  let after: { date: Date; id: string } | null = null;
  let scanned = 0;
  let changed = 0;
  let followUps: TransactionFollowUps | null = null;
  for (;;) {
    await ctx.throwIfCancelled();
    const page = await scanRulePage(userId, target, {}, after, APPLY_BATCH);
    scanned += page.scanned;
    const rows = page.taken.filter((r) => r.categoryId !== categoryId);
    if (rows.length) {
      followUps = await db().$transaction(async (tx) => {
        await tx.ruleApplicationChange.createMany({
          data: rows.map((r) => ({
            applicationId,
            transactionId: r.id,
            previousCategoryId: r.categoryId,
            previousSource: r.categorySource,
            previousConfidence: r.categoryConfidence,
            previousNeedsReview: r.needsReview,
            previousSuggested: r.suggestedCategory,
          })),
          // A retried job keeps the state recorded before its first attempt changed the row.
          skipDuplicates: true,
        });
        const { count } = await tx.transaction.updateMany({
          where: { userId, id: { in: rows.map((r) => r.id) } },
          data: { categoryId, categorySource: "rule", categoryConfidence: 1, needsReview: false, suggestedCategory: null },
        });
        await tx.ruleApplication.update({ where: { id: applicationId }, data: { changed: { increment: count } } });
        return recordTransactionChange(tx, userId, CATEGORY_CHANGE);
      });
      await dispatchTransactionFollowUps(followUps);
      changed += rows.length;
    }
    ctx.itemDone(page.scanned);
    if (!page.next) break;
    after = page.next;
    // The narrowing reads only candidates: progress is how far back in time the scan is, by rows read.
    await ctx.progress(Math.min(99, (scanned / Math.max(total, 1)) * 100), `Checked ${scanned.toLocaleString("en-US")} transactions, changed ${changed.toLocaleString("en-US")}…`);
  }
  if (changed > 0) await followTransactionChange(userId, { summary: false, budgets: "all" });
  const done = await db().ruleApplication.update({ where: { id: applicationId }, data: { status: "applied" } });
  const message = `Changed the category of ${done.changed.toLocaleString("en-US")} transaction${done.changed === 1 ? "" : "s"}`;
  return { result: { applicationId, changed: done.changed, scanned }, message };
}

/** The job's undo: each recorded row still as the rule left it gets its earlier category state back. */
export async function runRuleUndo(userId: string, applicationId: string, ctx: JobContext): Promise<ProcessorOutcome> {
  const application = await db().ruleApplication.findFirst({ where: { id: applicationId, userId } });
  if (!application) throw new PermanentJobError(`rule application ${applicationId} not found`);
  if (application.status !== "undoing") {
    return { result: { applicationId, restored: application.restored, skipped: application.status }, message: `Already ${application.status}` };
  }
  const total = await db().ruleApplicationChange.count({ where: { applicationId } });
  let after: string | null = null;
  let seen = 0;
  let restored = 0;
  for (;;) {
    await ctx.throwIfCancelled();
    const batch: { transactionId: string }[] = await db().ruleApplicationChange.findMany({
      where: { applicationId, ...(after ? { transactionId: { gt: after } } : {}) },
      orderBy: { transactionId: "asc" },
      take: UNDO_BATCH,
      select: { transactionId: true },
    });
    if (batch.length === 0) break;
    const ids = batch.map((b) => b.transactionId);
    const { count, followUps } = await db().$transaction(async (tx) => {
      // A row re-categorized since (by hand, another rule, a categorize run) is left as it is now.
      const n = await tx.$executeRaw`
        UPDATE "Transaction" AS t SET
          "categoryId" = c."previousCategoryId",
          "categorySource" = c."previousSource",
          "categoryConfidence" = c."previousConfidence",
          "needsReview" = c."previousNeedsReview",
          "suggestedCategory" = c."previousSuggested",
          "updatedAt" = now()
        FROM "RuleApplicationChange" AS c
        WHERE c."applicationId" = ${applicationId}
          AND c."transactionId" = ANY(${ids}::text[])
          AND t."id" = c."transactionId"
          AND t."userId" = ${userId}
          AND t."categoryId" = ${application.categoryId}
          AND t."categorySource" = 'rule'`;
      if (n === 0) return { count: 0, followUps: null };
      await tx.ruleApplication.update({ where: { id: applicationId }, data: { restored: { increment: n } } });
      return { count: n, followUps: await recordTransactionChange(tx, userId, CATEGORY_CHANGE) };
    });
    await dispatchTransactionFollowUps(followUps);
    restored += count;
    seen += batch.length;
    ctx.itemDone(batch.length);
    after = ids[ids.length - 1];
    await ctx.progress(Math.min(99, (seen / Math.max(total, 1)) * 100), `Restored ${restored.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}…`);
  }
  if (restored > 0) await followTransactionChange(userId, { summary: false, budgets: "all" });
  const done = await db().ruleApplication.update({ where: { id: applicationId }, data: { status: "undone" } });
  const kept = total - done.restored;
  const message = `Restored the earlier category of ${done.restored.toLocaleString("en-US")} transaction${done.restored === 1 ? "" : "s"}${kept > 0 ? ` (${kept.toLocaleString("en-US")} changed since, left as they are)` : ""}`;
  return { result: { applicationId, restored: done.restored, keptChanged: kept }, message };
}

/** After the last failed attempt: the application can still be undone (it may have changed rows). */
export async function markRuleApplicationFailed(applicationId: string, action: "apply" | "undo"): Promise<void> {
  await db().ruleApplication.updateMany({
    where: { id: applicationId, status: action === "apply" ? "applying" : "undoing" },
    data: { status: action === "apply" ? "failed" : "applied" },
  });
}
