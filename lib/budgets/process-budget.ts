import { db } from "../db";
import { PermanentJobError } from "../errors";
import { containsPattern, hasCriteria } from "../finance/budgets/match";

// budget-processing's work: replace a budget's links with the transactions that match its
// criteria (all of the user's transactions; the period only matters when counting), then set
// it ready. Superseding: the links are written and the budget's criteriaVersion checked under
// a row lock in ONE transaction, so a run whose version is no longer the budget's (an edit
// committed meanwhile, with its own run) rolls back and writes nothing. Runs of one budget
// take an advisory lock first, so they write one after the other.

export type ProcessOutcome = { status: "ready"; matched: number } | { status: "superseded" };

class Superseded extends Error {}

export const SUPERSEDED_MESSAGE = "Superseded by a newer edit";

export async function processBudget(userId: string, budgetId: string, criteriaVersion: number): Promise<ProcessOutcome> {
  const budget = await db().budget.findFirst({ where: { id: budgetId, userId } });
  if (!budget) throw new PermanentJobError(`budget ${budgetId} no longer exists`);
  if (budget.criteriaVersion !== criteriaVersion) return { status: "superseded" };
  if (!hasCriteria(budget)) throw new PermanentJobError("the budget has no category, keyword or payee to match");

  const patterns = budget.keywords.map(containsPattern);
  const payees = budget.payees.map((p) => p.toLowerCase());
  try {
    const matched = await db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`budget-processing:${budgetId}`}))`;
        await tx.$executeRaw`DELETE FROM "BudgetTransaction" WHERE "budgetId" = ${budgetId}`;
        const inserted = await tx.$executeRaw`
          INSERT INTO "BudgetTransaction" ("budgetId", "transactionId", "createdAt")
          SELECT ${budgetId}, t.id, now()
            FROM "Transaction" t
           WHERE t."userId" = ${userId}
             AND (${budget.categoryId}::text IS NULL OR t."categoryId" = ${budget.categoryId})
             AND (
               (cardinality(${patterns}::text[]) = 0 AND cardinality(${payees}::text[]) = 0)
               OR EXISTS (SELECT 1 FROM unnest(${patterns}::text[]) AS k(p) WHERE t.description ILIKE k.p OR t.payee ILIKE k.p)
               OR lower(t.payee) = ANY(${payees}::text[])
             )`;
        const current = await tx.$queryRaw<{ criteriaVersion: number }[]>`
          SELECT "criteriaVersion" FROM "Budget" WHERE id = ${budgetId} FOR UPDATE`;
        if (current.length === 0) throw new PermanentJobError(`budget ${budgetId} no longer exists`);
        if (current[0].criteriaVersion !== criteriaVersion) throw new Superseded();
        await tx.$executeRaw`
          UPDATE "Budget" SET "processingStatus" = 'ready', "processingError" = NULL, "processingCompletedAt" = now(), "updatedAt" = now()
           WHERE id = ${budgetId}`;
        return inserted;
      },
      // Waits on the advisory lock (another run of this budget) count against this.
      { maxWait: 10_000, timeout: 120_000 },
    );
    return { status: "ready", matched };
  } catch (err) {
    if (err instanceof Superseded) return { status: "superseded" };
    throw err;
  }
}

/**
 * The run's last attempt failed: the budget shows the reason, unless a newer edit has moved
 * it on (that edit's own run decides its state).
 */
export async function markBudgetFailed(budgetId: string, criteriaVersion: number, reason: string): Promise<void> {
  await db().budget.updateMany({
    where: { id: budgetId, criteriaVersion },
    data: { processingStatus: "error", processingError: `Matching transactions failed: ${reason}`.slice(0, 1000) },
  });
}
