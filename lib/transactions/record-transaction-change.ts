import { attachRunsForAllBudgets, attachRunsForTransactions, dispatchBudgetRuns } from "../budgets/request-processing";
import { db, type Tx } from "../db";
import type { MatchableTransaction } from "../finance/budgets/match";
import { categorizeJob } from "../jobs/categorize";
import type { RequestedJob } from "../queue/define-job";
import { dispatchSummary, recordDataChange } from "../summary/request-summary";

// What follows a change of a user's transactions, decided in one place for every way they
// change (a manual edit, an import, its undo, a categorization run):
// - the summary: dataVersion bumped and the user's summary run attached, in the change's own
//   transaction, so the run that computes it always sees the change (DESIGN.md, "no update is
//   lost");
// - budget runs for the budgets the change may affect, in the same transaction, so a budget's
//   links never lag behind a committed change without a run on its way;
// - an import's new rows get a categorization run.
// Everything is written as outbox rows; dispatchTransactionFollowUps adds the Bull jobs after
// commit (the reconciler adds what it could not).

export interface TransactionChange {
  /** Whether the summary can change (amounts, dates, categories; not a payee). Default true. */
  summary?: boolean;
  /**
   * The budgets that may now match other rows: those the changed rows match (pass their old
   * and new values), every budget of the user, or none (deleted rows take their links along).
   */
  budgets: { rows: readonly MatchableTransaction[] } | "all" | "none";
  /** Categorize the rows this import added. */
  categorizeImport?: { importId: string; count: number };
}

export interface TransactionFollowUps {
  summary: RequestedJob | null;
  budgetRuns: RequestedJob[];
  categorize: RequestedJob | null;
}

/** A categorization run after an import covers at most this many of its rows. */
const IMPORT_CATEGORIZE_LIMIT = 10_000;

/** Inside the change's transaction: writes the follow-up runs (attaching to pending ones). */
export async function recordTransactionChange(tx: Tx, userId: string, change: TransactionChange): Promise<TransactionFollowUps> {
  const budgetRuns =
    change.budgets === "none"
      ? []
      : change.budgets === "all"
        ? await attachRunsForAllBudgets(tx, userId)
        : await attachRunsForTransactions(tx, userId, change.budgets.rows);
  const summary = change.summary === false ? null : await recordDataChange(tx, userId);
  const categorize = change.categorizeImport
    ? await categorizeJob.request(tx, {
        userId,
        kind: "classification",
        importId: change.categorizeImport.importId,
        limit: Math.min(change.categorizeImport.count, IMPORT_CATEGORIZE_LIMIT),
      })
    : null;
  return { summary, budgetRuns, categorize };
}

/** After commit: the Bull jobs of the runs recordTransactionChange created. Never throws. */
export async function dispatchTransactionFollowUps(followUps: TransactionFollowUps | null): Promise<void> {
  if (!followUps) return;
  if (followUps.summary) await dispatchSummary(followUps.summary);
  await dispatchBudgetRuns(followUps.budgetRuns);
  if (followUps.categorize) await categorizeJob.dispatch(followUps.categorize);
}

/** For a change already committed (a job's batches): the follow-ups in a transaction of their own. */
export async function followTransactionChange(userId: string, change: TransactionChange): Promise<TransactionFollowUps> {
  const followUps = await db().$transaction((tx) => recordTransactionChange(tx, userId, change));
  await dispatchTransactionFollowUps(followUps);
  return followUps;
}
