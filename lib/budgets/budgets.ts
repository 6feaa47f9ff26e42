import { ensureCategory } from "../categories/ensure-category";
import { z } from "zod";
import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { normalizeTerms } from "../finance/budgets/match";
import { periodRange, utcToday, type PeriodRange } from "../finance/budgets/period";
import { percentSpent, remaining } from "../finance/budgets/spending";
import { formatAmount } from "../finance/money";
import type { Budget } from "../generated/prisma/client";
import { cancelPendingRun } from "../queue/background-jobs";
import { describeJobError } from "../queue/describe-job-error";
import { budgetRunKey } from "../jobs/budget-processing";
import { attachBudgetRun, dispatchBudgetRuns, type PendingBudgetRun } from "./request-processing";
import { checkBudget, createBudgetSchema, updateBudgetSchema, type CreateBudgetInput } from "./budget-schemas";
import { spendingInPeriods } from "./spending-in-periods";

// A user's budgets. Saving one (a create, or an edit of what it matches) is one database
// transaction: the budget with a new criteriaVersion and status processing, and its
// budget-processing run; the Bull job is added after commit. The run links the matching
// transactions and sets the budget ready (or error).

export const BUDGET_SAVED_MESSAGE = "Budget created — matching your transactions in the background";
export const BUDGET_UPDATED_MESSAGE = "Budget saved — matching your transactions in the background";

export interface BudgetView {
  id: string;
  title: string;
  amount: string;
  period: Budget["period"];
  rollingDays: number | null;
  startDate: string | null;
  endDate: string | null;
  categoryId: string | null;
  category: string | null;
  keywords: string[];
  payees: string[];
  alertThresholdPercent: number;
  status: Budget["processingStatus"];
  error: string | null;
  /** The budget-processing run that last started for it. */
  jobId: string | null;
  processingStartedAt: string | null;
  processingCompletedAt: string | null;
  createdAt: string;
  updatedAt: string;
  // The current period's numbers; null until the budget is ready.
  spent: string | null;
  percent: number | null;
  remaining: string | null;
  transactionCount: number | null;
  periodStart: string | null;
  periodEnd: string | null;
}

type BudgetRow = Budget & { category: { name: string } | null };
const withCategory = { category: { select: { name: true } } } as const;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const toDate = (text: string) => new Date(`${text}T00:00:00Z`);

function periodOf(b: Budget, today: string): PeriodRange {
  return periodRange({ period: b.period, rollingDays: b.rollingDays, startDate: day(b.startDate), endDate: day(b.endDate) }, today);
}

async function toViews(rows: BudgetRow[], today = utcToday()): Promise<BudgetView[]> {
  const periods = new Map(rows.filter((b) => b.processingStatus === "ready").map((b) => [b.id, periodOf(b, today)]));
  const spending = await spendingInPeriods(periods);
  return rows.map((b) => {
    const period = periods.get(b.id);
    const s = spending.get(b.id);
    return {
      id: b.id,
      title: b.title,
      amount: formatAmount(b.amountMinor),
      period: b.period,
      rollingDays: b.rollingDays,
      startDate: day(b.startDate),
      endDate: day(b.endDate),
      categoryId: b.categoryId,
      category: b.category?.name ?? null,
      keywords: b.keywords,
      payees: b.payees,
      alertThresholdPercent: b.alertThresholdPercent,
      status: b.processingStatus,
      error: describeJobError(b.processingError),
      jobId: b.backgroundJobId,
      processingStartedAt: b.processingStartedAt?.toISOString() ?? null,
      processingCompletedAt: b.processingCompletedAt?.toISOString() ?? null,
      createdAt: b.createdAt.toISOString(),
      updatedAt: b.updatedAt.toISOString(),
      spent: period && s ? formatAmount(s.spent) : null,
      percent: period && s ? percentSpent(s.spent, b.amountMinor) : null,
      remaining: period && s ? formatAmount(remaining(s.spent, b.amountMinor)) : null,
      transactionCount: period && s ? s.transactionCount : null,
      periodStart: period?.start ?? null,
      periodEnd: period?.end ?? null,
    };
  });
}

export async function listBudgets(userId: string): Promise<BudgetView[]> {
  const rows = await db().budget.findMany({ where: { userId }, include: withCategory, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return toViews(rows);
}

export async function getBudget(userId: string, id: string): Promise<BudgetView> {
  const row = await db().budget.findFirst({ where: { id, userId }, include: withCategory });
  if (!row) throw notFound("Budget");
  return (await toViews([row]))[0];
}

/** The user's categories, for the budget form's select. */
export async function listCategoryOptions(userId: string): Promise<{ id: string; name: string }[]> {
  return db().category.findMany({ where: { userId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

async function resolveCategoryId(tx: Tx, userId: string, input: { categoryId?: string | null; category?: string | null }): Promise<string | null> {
  if (input.categoryId) {
    const found = await tx.category.findFirst({ where: { id: input.categoryId, userId }, select: { id: true } });
    if (!found) throw new AppError("validation_failed", "The request is not valid", { fields: { categoryId: ["Unknown category"] } });
    return found.id;
  }
  if (input.category) {
    return ensureCategory(tx, userId, input.category);
  }
  return null;
}

/** Only the fields of the chosen period are kept (a monthly budget has no dates). */
function periodFields(v: Pick<CreateBudgetInput, "period" | "rollingDays" | "startDate" | "endDate">) {
  return {
    period: v.period,
    rollingDays: v.period === "rolling" ? (v.rollingDays ?? null) : null,
    startDate: v.period === "custom" && v.startDate ? toDate(v.startDate) : null,
    endDate: v.period === "custom" && v.endDate ? toDate(v.endDate) : null,
  };
}

export interface SavedBudget {
  budget: BudgetView;
  /** The processing run, when the save started one. */
  jobId: string | null;
  message: string;
}

export async function createBudget(userId: string, body: unknown): Promise<SavedBudget> {
  const input = createBudgetSchema.parse(body);
  const { row, run } = await db().$transaction(async (tx) => {
    const created = await tx.budget.create({
      data: {
        userId,
        title: input.title,
        amountMinor: input.amount,
        ...periodFields(input),
        categoryId: await resolveCategoryId(tx, userId, input),
        keywords: normalizeTerms(input.keywords ?? []),
        payees: normalizeTerms(input.payees ?? []),
        alertThresholdPercent: input.alertThresholdPercent ?? 80,
        processingStatus: "processing",
        processingStartedAt: new Date(),
        criteriaVersion: 1,
      },
    });
    const run = await attachBudgetRun(tx, { userId, budgetId: created.id, criteriaVersion: created.criteriaVersion });
    const row = await tx.budget.update({ where: { id: created.id }, data: { backgroundJobId: run.id }, include: withCategory });
    return { row, run };
  });
  await dispatchBudgetRuns([run]);
  return { budget: (await toViews([row]))[0], jobId: run.id, message: BUDGET_SAVED_MESSAGE };
}

const sameTerms = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

export async function updateBudget(userId: string, id: string, body: unknown): Promise<SavedBudget> {
  const patch = updateBudgetSchema.parse(body);
  const { row, run } = await db().$transaction(async (tx) => {
    // Row lock: two edits of one budget are serialized, each bumping the version once.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Budget" WHERE id = ${id} AND "userId" = ${userId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("Budget");
    const current = await tx.budget.findUniqueOrThrow({ where: { id } });

    const merged = {
      period: patch.period ?? current.period,
      rollingDays: patch.rollingDays !== undefined ? patch.rollingDays : current.rollingDays,
      startDate: patch.startDate !== undefined ? patch.startDate : day(current.startDate),
      endDate: patch.endDate !== undefined ? patch.endDate : day(current.endDate),
      // A category by name replaces the stored id.
      categoryId: patch.categoryId !== undefined ? patch.categoryId : patch.category !== undefined ? null : current.categoryId,
      category: patch.category ?? null,
      keywords: patch.keywords !== undefined ? normalizeTerms(patch.keywords) : current.keywords,
      payees: patch.payees !== undefined ? normalizeTerms(patch.payees) : current.payees,
    };
    z.custom<typeof merged>().superRefine(checkBudget).parse(merged);

    const categoryId = await resolveCategoryId(tx, userId, merged);
    const criteriaChanged =
      categoryId !== current.categoryId || !sameTerms(merged.keywords, current.keywords) || !sameTerms(merged.payees, current.payees);
    const data = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.amount !== undefined ? { amountMinor: patch.amount } : {}),
      ...(patch.alertThresholdPercent !== undefined ? { alertThresholdPercent: patch.alertThresholdPercent } : {}),
      ...periodFields(merged),
      categoryId,
      keywords: merged.keywords,
      payees: merged.payees,
    };
    if (!criteriaChanged) {
      return { row: await tx.budget.update({ where: { id }, data, include: withCategory }), run: null };
    }
    const version = current.criteriaVersion + 1;
    const run = await attachBudgetRun(tx, { userId, budgetId: id, criteriaVersion: version });
    const row = await tx.budget.update({
      where: { id },
      data: {
        ...data,
        criteriaVersion: version,
        processingStatus: "processing",
        processingError: null,
        processingStartedAt: new Date(),
        backgroundJobId: run.id,
      },
      include: withCategory,
    });
    return { row, run };
  });
  if (run) await dispatchBudgetRuns([run]);
  return { budget: (await toViews([row]))[0], jobId: run?.id ?? null, message: run ? BUDGET_UPDATED_MESSAGE : "Budget saved" };
}

/** A budget that failed to process, queued again. */
export async function retryBudget(userId: string, id: string): Promise<SavedBudget> {
  const { row, run } = await db().$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ processingStatus: string; criteriaVersion: number }[]>`
      SELECT "processingStatus", "criteriaVersion" FROM "Budget" WHERE id = ${id} AND "userId" = ${userId} FOR UPDATE`;
    if (locked.length === 0) throw notFound("Budget");
    if (locked[0].processingStatus !== "error") throw new AppError("conflict", "Only a budget whose processing failed can be retried");
    const run: PendingBudgetRun = await attachBudgetRun(tx, { userId, budgetId: id, criteriaVersion: locked[0].criteriaVersion });
    const row = await tx.budget.update({
      where: { id },
      data: { processingStatus: "processing", processingError: null, processingStartedAt: new Date(), backgroundJobId: run.id },
      include: withCategory,
    });
    return { row, run };
  });
  await dispatchBudgetRuns([run]);
  return { budget: (await toViews([row]))[0], jobId: run.id, message: "Matching your transactions again in the background" };
}

export async function deleteBudget(userId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.budget.deleteMany({ where: { id, userId } });
    if (count === 0) throw notFound("Budget");
    // Its waiting run has nothing left to do (a running one stops when it finds the budget gone).
    await cancelPendingRun(tx, budgetRunKey(id), "Budget deleted");
  });
}
