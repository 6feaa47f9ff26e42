import { randomUUID } from "node:crypto";
import { db } from "../db";
import { matchesBudget, type MatchableTransaction } from "../finance/budgets/match";
import type { Tx } from "../queue/background-jobs";
import { dispatchJob } from "../queue/dispatch-job";
import { QUEUE } from "../queue/names";

// Starting budget-processing runs. One pending run per budget: its BackgroundJob row carries
// coalesceKey "budget-processing:<budgetId>" while pending, so a save and any number of
// transaction changes that arrive before a worker claims it share that run (the run reads
// the budget and the transactions when it starts). The payload's criteriaVersion is the
// newest one attached; a claimed run no longer takes attachments, so a change during a
// run always gets a run after it. Callers attach inside their own transaction and
// dispatch after commit (the outbox, as for the summary).

export const budgetCoalesceKey = (budgetId: string) => `${QUEUE.budgetProcessing}:${budgetId}`;

export interface PendingBudgetRun {
  jobId: string;
  budgetId: string;
  userId: string;
  runAfter: Date;
  /** True when this call created the run: the caller dispatches it after commit. */
  created: boolean;
}

export async function attachBudgetRun(
  tx: Tx,
  run: { userId: string; budgetId: string; criteriaVersion: number },
): Promise<PendingBudgetRun> {
  const id = randomUUID();
  const payload = JSON.stringify({ backgroundJobId: id, userId: run.userId, budgetId: run.budgetId, criteriaVersion: run.criteriaVersion });
  const rows = await tx.$queryRaw<{ id: string; runAfter: Date; created: boolean }[]>`
    INSERT INTO "BackgroundJob" (id, "userId", type, status, payload, "coalesceKey", "runAfter", "createdAt", "updatedAt")
    VALUES (${id}, ${run.userId}, ${QUEUE.budgetProcessing}, 'pending', ${payload}::jsonb, ${budgetCoalesceKey(run.budgetId)}, now(), now(), now())
    ON CONFLICT ("coalesceKey") DO UPDATE
      SET "coalescedCount" = "BackgroundJob"."coalescedCount" + 1,
          payload = "BackgroundJob".payload || jsonb_build_object(
            'criteriaVersion', GREATEST(COALESCE(("BackgroundJob".payload->>'criteriaVersion')::int, 0), ${run.criteriaVersion}::int)),
          "updatedAt" = now()
    RETURNING id, "runAfter", (xmax = 0) AS created`;
  const row = rows[0];
  return { jobId: row.id, budgetId: run.budgetId, userId: run.userId, runAfter: row.runAfter, created: row.created };
}

/** After commit: adds the Bull jobs of the runs these changes created. */
export async function dispatchBudgetRuns(runs: readonly PendingBudgetRun[]): Promise<void> {
  for (const run of runs) {
    if (run.created) await dispatchJob({ id: run.jobId, type: QUEUE.budgetProcessing, userId: run.userId, runAfter: run.runAfter });
  }
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
    const budgets = await tx.budget.findMany({ where: { userId }, select: { id: true, criteriaVersion: true }, orderBy: { id: "asc" } });
    const all: PendingBudgetRun[] = [];
    for (const b of budgets) all.push(await attachBudgetRun(tx, { userId, budgetId: b.id, criteriaVersion: b.criteriaVersion }));
    return all;
  });
  await dispatchBudgetRuns(runs);
  return { jobIds: [...new Set(runs.map((r) => r.jobId))] };
}
