import { db, type Tx } from "../db";
import { matchesBudget, type MatchableTransaction } from "../finance/budgets/match";
import { budgetProcessingJob } from "../jobs/budget-processing";
import type { RequestedJob } from "../queue/define-job";

// Starting budget-processing runs. One pending run per budget (budgetProcessingJob coalesces
// on the budget id and keeps the newest criteriaVersion attached), so a save and any number
// of transaction changes that arrive before a worker claims it share that run (the run reads
// the budget and the transactions when it starts). Callers attach inside their own
// transaction and dispatch after commit (the outbox, as for the summary).

export type PendingBudgetRun = RequestedJob;

export function attachBudgetRun(tx: Tx, run: { userId: string; budgetId: string; criteriaVersion: number }): Promise<PendingBudgetRun> {
  return budgetProcessingJob.request(tx, run);
}

/** After commit: adds the Bull jobs of the runs these changes created. */
export async function dispatchBudgetRuns(runs: readonly PendingBudgetRun[]): Promise<void> {
  await budgetProcessingJob.dispatch(runs);
}

/**
 * Inside a transaction that changed some of the user's transactions: attaches a run for every
 * budget one of the given rows (their old and new values) matches.
 */
export async function attachRunsForTransactions(tx: Tx, userId: string, rows: readonly MatchableTransaction[]): Promise<PendingBudgetRun[]> {
  if (rows.length === 0) return [];
  const budgets = await tx.budget.findMany({
    where: { userId },
    select: { id: true, categoryId: true, keywords: true, payees: true, criteriaVersion: true },
    orderBy: { id: "asc" },
  });
  const runs: PendingBudgetRun[] = [];
  for (const b of budgets) {
    if (!rows.some((row) => matchesBudget(b, row))) continue;
    runs.push(await attachBudgetRun(tx, { userId, budgetId: b.id, criteriaVersion: b.criteriaVersion }));
  }
  return runs;
}

/** Inside a transaction that may have changed what any of the user's budgets match: a run for each. */
export async function attachRunsForAllBudgets(tx: Tx, userId: string): Promise<PendingBudgetRun[]> {
  const budgets = await tx.budget.findMany({ where: { userId }, select: { id: true, criteriaVersion: true }, orderBy: { id: "asc" } });
  const runs: PendingBudgetRun[] = [];
  for (const b of budgets) runs.push(await attachBudgetRun(tx, { userId, budgetId: b.id, criteriaVersion: b.criteriaVersion }));
  return runs;
}

/**
 * Re-runs budget processing after transactions changed outside a single request (a CSV import,
 * a bulk edit). Call it after the change has committed. With transactionIds, only the budgets
 * those transactions match are re-run; without, every budget of the user.
 */
export async function requestBudgetReprocessing(
  userId: string,
  options: { transactionIds?: readonly string[] } = {},
): Promise<{ jobIds: string[] }> {
  const runs = await db().$transaction(async (tx) => {
    if (options.transactionIds) {
      const rows = await tx.transaction.findMany({
        where: { userId, id: { in: [...options.transactionIds] } },
        select: { description: true, payee: true, categoryId: true },
      });
      return attachRunsForTransactions(tx, userId, rows);
    }
    return attachRunsForAllBudgets(tx, userId);
  });
  await dispatchBudgetRuns(runs);
  return { jobIds: [...new Set(runs.map((r) => r.id))] };
}
