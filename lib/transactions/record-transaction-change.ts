import { attachRunsForAllBudgets, attachRunsForTransactions, dispatchBudgetRuns } from "../budgets/request-processing";
import { db, type Tx } from "../db";
import type { MatchableTransaction } from "../finance/budgets/match";
import { categorizeJob } from "../jobs/categorize";
import { transferMatchingJob } from "../jobs/transfer-matching";
import type { RequestedJob } from "../queue/define-job";
import { dispatchSummary, recordDataChange } from "../summary/request-summary";
import { ALL_DATES } from "../finance/transfers/match-transfers";

// What follows a change of a user's transactions, decided in one place for every way they
// change (a manual edit, an import, its undo, a categorization run):
// - the summary: dataVersion bumped and the user's summary run attached, in the change's own
//   transaction, so the run that computes it always sees the change (DESIGN.md, "no update is
//   lost");
// - budget runs for the budgets the change may affect, in the same transaction, so a budget's
//   links never lag behind a committed change without a run on its way;
// - an import's new rows get a categorization run;
// - a transfer-matching run over the dates the change touched (coalesced per user: a pending
//   run widens its range to cover them).
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
  /**
   * The dates (YYYY-MM-DD) of the rows whose amount, date or account changed, old and new, for
   * the transfer-matching run; "all" when unknown; "none" when the change cannot make or break
   * a transfer (a category, a payee; the matching job's own writes). Default: "none" when
   * summary is false, else "all".
   */
  transfers?: { from: string; to: string } | "all" | "none";
}

export interface TransactionFollowUps {
  summary: RequestedJob | null;
  budgetRuns: RequestedJob[];
  categorize: RequestedJob | null;
  transferMatching?: RequestedJob | null;
}

/** The range of some rows' dates, for TransactionChange.transfers. */
export function datesOf(dates: readonly (Date | string | null | undefined)[]): { from: string; to: string } | "all" {
  const days = dates.filter((d): d is Date | string => !!d).map((d) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10)));
  if (days.length === 0) return "all";
  days.sort();
  return { from: days[0], to: days[days.length - 1] };
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
  const transfers = change.transfers ?? (change.summary === false ? "none" : "all");
  const transferMatching =
    transfers === "none" ? null : await transferMatchingJob.request(tx, { userId, ...(transfers === "all" ? ALL_DATES : transfers) });
  return { summary, budgetRuns, categorize, transferMatching };
}

/** After commit: the Bull jobs of the runs recordTransactionChange created. Never throws. */
export async function dispatchTransactionFollowUps(followUps: TransactionFollowUps | null): Promise<void> {
  if (!followUps) return;
  if (followUps.summary) await dispatchSummary(followUps.summary);
  await dispatchBudgetRuns(followUps.budgetRuns);
  if (followUps.categorize) await categorizeJob.dispatch(followUps.categorize);
  if (followUps.transferMatching) await transferMatchingJob.dispatch(followUps.transferMatching);
}

/** For a change already committed (a job's batches): the follow-ups in a transaction of their own. */
export async function followTransactionChange(userId: string, change: TransactionChange): Promise<TransactionFollowUps> {
  const followUps = await db().$transaction((tx) => recordTransactionChange(tx, userId, change));
  await dispatchTransactionFollowUps(followUps);
  return followUps;
}
