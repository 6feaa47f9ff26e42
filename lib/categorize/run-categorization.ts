import { ensureCategory } from "../categories/ensure-category";
import { db } from "../db";
import { env } from "../env";
import {
  cleanPayee,
  createCategorizer,
  createLlmClassifier,
  categoriesForSuggestions,
  isCategorizeFailure,
  type CategorizeInput,
  type Rule,
} from "../finance/categorize";
import type { Prisma } from "../generated/prisma/client";
import { categorizeJob } from "../jobs/categorize";
import type { JobContext } from "../queue/job-context";
import { createNotification } from "../notifications/notifications";
import type { ProcessorOutcome } from "../queue/define-job";
import {
  dispatchTransactionFollowUps,
  followTransactionChange,
  recordTransactionChange,
  type TransactionFollowUps,
} from "../transactions/record-transaction-change";
import { listRulesForCategorizer } from "../rules/user-rules";
import { MACHINE_SOURCES, rowsRulesOverride } from "../rules/apply-rule";

// The categorize job's domain: pick the transactions, run the payee lookup or the
// classification over them in batches, write the results (and queue a summary recompute,
// since categories change the spending breakdown).

export type CategorizeKind = "payee_lookup" | "classification";

export interface CategorizeRequest {
  kind: CategorizeKind;
  transactionIds?: string[];
  /** Only the rows this import added (instead of a long id list). */
  importId?: string;
  limit?: number;
}

const DEFAULT_LIMIT = 1000;
const BATCH = 100;
const HIGH_CONFIDENCE = 0.9;
const TRAINING_LIMIT = 20_000;

/** Writes the job row and queues it: answers in milliseconds. */
export async function startCategorize(userId: string, request: CategorizeRequest): Promise<{ jobId: string }> {
  const row = await categorizeJob.enqueue({ userId, ...request });
  return { jobId: row.id };
}

async function selectTransactions(userId: string, request: CategorizeRequest) {
  const scope: Prisma.TransactionWhereInput = request.importId ? { userId, importId: request.importId } : { userId };
  const where: Prisma.TransactionWhereInput = request.transactionIds?.length
    ? { ...scope, id: { in: request.transactionIds } }
    : request.kind === "payee_lookup"
      ? { ...scope, payee: null }
      : // A suggestion the person rejected (source "user", no category) is not offered again.
        { ...scope, categoryId: null, OR: [{ categorySource: null }, { categorySource: { not: "user" } }] };
  return db().transaction.findMany({
    where,
    orderBy: [{ date: "desc" }, { id: "desc" }],
    take: Math.min(request.limit ?? DEFAULT_LIMIT, 10_000),
    select: { id: true, description: true, payee: true, amountMinor: true },
  });
}

function progressMessage(verb: string, done: number, total: number) {
  return `${verb} transaction ${Math.min(done + 1, total)}/${total}…`;
}

export async function runPayeeLookup(userId: string, request: CategorizeRequest, ctx: JobContext) {
  const txs = await selectTransactions(userId, request);
  let updated = 0;
  let unchanged = 0;
  for (let i = 0; i < txs.length; i += BATCH) {
    await ctx.throwIfCancelled();
    const batch = txs.slice(i, i + BATCH);
    const changes: { id: string; payee: string }[] = [];
    for (const tx of batch) {
      try {
        const { payee } = cleanPayee(tx.description);
        if (payee && payee !== tx.payee) changes.push({ id: tx.id, payee });
        else unchanged++;
        ctx.itemDone();
      } catch (err) {
        ctx.itemFailed(tx.id, (err as Error).message);
      }
    }
    await db().$transaction(async (t) => {
      for (const c of changes) await t.transaction.updateMany({ where: { id: c.id, userId }, data: { payee: c.payee } });
    });
    updated += changes.length;
    await ctx.progress(((i + batch.length) / Math.max(txs.length, 1)) * 100, progressMessage("Cleaning payee of", i + batch.length - 1, txs.length));
  }
  return { total: txs.length, updated, unchanged };
}

export async function runClassification(userId: string, request: CategorizeRequest, ctx: JobContext) {
  const [txs, rules, categories, examples] = await Promise.all([
    selectTransactions(userId, request),
    listRulesForCategorizer(userId),
    db().category.findMany({ where: { userId }, select: { id: true, name: true } }),
    // Learn from what the user (or an import) categorized, not from earlier guesses.
    db().transaction.findMany({
      where: { userId, categoryId: { not: null }, OR: [{ categorySource: null }, { categorySource: { in: ["user", "rule"] } }] },
      orderBy: { date: "desc" },
      take: TRAINING_LIMIT,
      select: { description: true, payee: true, amountMinor: true, category: { select: { name: true } } },
    }),
  ]);
  const { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_MODEL } = env();
  const categorizer = createCategorizer({
    rules,
    trainingExamples: examples.map((e) => ({ description: e.description, payee: e.payee, amountMinor: e.amountMinor, category: e.category!.name })),
    // Suggestions only ever name the user's own categories (issue 16).
    categories: categoriesForSuggestions(categories.map((c) => c.name)),
    llm: ANTHROPIC_API_KEY
      ? createLlmClassifier({ apiKey: ANTHROPIC_API_KEY, baseURL: ANTHROPIC_BASE_URL, ...(ANTHROPIC_MODEL ? { model: ANTHROPIC_MODEL } : {}) })
      : null,
  });
  await ctx.log("info", `classifying ${txs.length} transactions with ${rules.length} rules and ${examples.length} examples${ANTHROPIC_API_KEY ? " and the LLM" : ""}`);

  const categoryIds = new Map(categories.map((c) => [c.name, c.id]));
  const counts = { total: txs.length, categorized: 0, highConfidence: 0, needsReview: 0, errors: 0, ruleOverrides: 0 };
  let followUps: TransactionFollowUps | null = null;

  for (let i = 0; i < txs.length; i += BATCH) {
    await ctx.throwIfCancelled();
    const batch = txs.slice(i, i + BATCH);
    const results = await categorizer.categorizeBatch(batch.map((t): CategorizeInput => ({ ...t })));
    followUps = await db().$transaction(async (t) => {
      let changed = false;
      for (const r of results) {
        if (isCategorizeFailure(r)) {
          counts.errors++;
          ctx.itemFailed(r.id, r.error);
          continue;
        }
        ctx.itemDone();
        if (r.needsReview || !r.category) {
          counts.needsReview++;
          await t.transaction.updateMany({
            where: { id: r.id, userId },
            data: { needsReview: true, suggestedCategory: r.category, categoryConfidence: r.confidence },
          });
          continue;
        }
        let categoryId = categoryIds.get(r.category);
        if (!categoryId) {
          categoryId = await ensureCategory(t, userId, r.category);
          categoryIds.set(r.category, categoryId);
        }
        await t.transaction.updateMany({
          where: { id: r.id, userId },
          data: { categoryId, categorySource: r.source, categoryConfidence: r.confidence, needsReview: false, suggestedCategory: null },
        });
        counts.categorized++;
        if (r.confidence >= HIGH_CONFIDENCE) counts.highConfidence++;
        changed = true;
      }
      // The batch's categories and the summary run commit together; budgets follow at the end.
      return changed ? recordTransactionChange(t, userId, { budgets: "none", transfers: "none" }) : followUps;
    });
    await ctx.progress(((i + batch.length) / Math.max(txs.length, 1)) * 100, progressMessage("Categorizing", i + batch.length - 1, txs.length));
  }
  await dispatchTransactionFollowUps(followUps);

  // Rules win: rows of the run's scope that the classifier, dictionary or LLM categorized
  // before a rule matching them existed take the rule's category now.
  const overridden = await enforceRules(userId, request, rules, categoryIds);
  if (overridden > 0) {
    counts.ruleOverrides = overridden;
    await ctx.log("info", `${overridden} transactions categorized by the classifier, dictionary or LLM took the category of a rule that matches them`);
  }
  return counts;
}

/** Whole-user runs check this many of the newest machine-categorized rows against the rules. */
const RULES_WIN_LIMIT = 50_000;

async function enforceRules(userId: string, request: CategorizeRequest, rules: Rule[], categoryIds: Map<string, string>): Promise<number> {
  const scope: Prisma.TransactionWhereInput = request.transactionIds?.length
    ? { id: { in: request.transactionIds } }
    : request.importId
      ? { importId: request.importId }
      : {};
  const rows = await rowsRulesOverride(userId, rules, scope, request.transactionIds?.length || request.importId ? Number.MAX_SAFE_INTEGER : RULES_WIN_LIMIT);
  if (rows.length === 0) return 0;
  const byCategory = new Map<string, string[]>();
  for (const r of rows) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r.id]);
  const followUps = await db().$transaction(async (t) => {
    for (const [name, ids] of byCategory) {
      const categoryId =
        categoryIds.get(name) ??
        (await t.category.upsert({ where: { userId_name: { userId, name } }, create: { userId, name }, update: {}, select: { id: true } })).id;
      await t.transaction.updateMany({
        where: { userId, id: { in: ids }, categorySource: { in: MACHINE_SOURCES } },
        data: { categoryId, categorySource: "rule", categoryConfidence: 1, needsReview: false, suggestedCategory: null },
      });
    }
    return recordTransactionChange(t, userId, { budgets: "none" });
  });
  await dispatchTransactionFollowUps(followUps);
  return rows.length;
}

/** The categorize job's run: the lookup or the classification, their follow-ups, and a notification. */
export async function runCategorize(userId: string, request: CategorizeRequest, ctx: JobContext): Promise<ProcessorOutcome> {
  await ctx.progress(0, "Loading transactions…");
  if (request.kind === "payee_lookup") {
    const result = await runPayeeLookup(userId, request, ctx);
    const message = result.total === 0 ? "No transactions to clean up" : `Cleaned ${result.updated} payees (${result.unchanged} unchanged)`;
    // Budgets that match by payee or keyword may now match other rows; the summary has no payees.
    if (result.updated > 0) await followTransactionChange(userId, { summary: false, budgets: "all" });
    await notifyCategorized(userId, ctx.jobId, "Payee clean-up finished", `${message}.`);
    return { result, message };
  }
  const result = await runClassification(userId, request, ctx);
  // Budgets that match by category may now match other rows (the summary followed each batch).
  if (result.categorized > 0 || result.ruleOverrides > 0) await followTransactionChange(userId, { summary: false, budgets: "all" });
  const review = result.needsReview ? ` ${result.needsReview} need your review.` : "";
  const overrides = result.ruleOverrides ? ` ${result.ruleOverrides} re-filed by your rules.` : "";
  const body = result.total === 0 ? `Every transaction already has a category.${overrides}` : `Categorized ${result.categorized} of ${result.total} transactions.${review}${overrides}`;
  // A run an import started follows the import's own notification: it speaks up only when
  // something waits for the person (two notifications per upload was the spam of issue 16).
  if (!request.importId || result.needsReview > 0) await notifyCategorized(userId, ctx.jobId, "Categorization finished", body);
  return {
    result,
    message:
      (result.total === 0
        ? "Nothing to categorize: every transaction already has a category"
        : `Categorized ${result.categorized} (${result.highConfidence} high confidence), ${result.needsReview} need review, ${result.errors} errors`) +
      (result.ruleOverrides ? `; ${result.ruleOverrides} re-filed by a rule that matches them` : ""),
  };
}

const notifyCategorized = (userId: string, jobId: string, title: string, body: string) =>
  createNotification({ userId, kind: "categorize_completed", title, body, link: "/dashboard/transactions", jobId });
