import { z } from "zod";
import { evaluateUserBudgets } from "../budgets/evaluate-budgets";
import { markBudgetFailed, processBudget, SUPERSEDED_MESSAGE } from "../budgets/process-budget";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

/** The coalescing key of a budget's pending run (a deleted budget cancels it). */
export const budgetRunKey = (budgetId: string) => `${QUEUE.budgetProcessing}:${budgetId}`;

// budget-processing: link the transactions that match a budget, then set it ready; an older
// run than the budget's criteria writes nothing. Then the budget is evaluated at once, so a
// budget saved already over its amount does not wait for the daily run to say so.
// One pending run per budget: a save and any number of transaction changes that arrive before
// a worker claims it share that run, which keeps the newest criteriaVersion attached.
export const budgetProcessingJob = defineJob({
  name: QUEUE.budgetProcessing,
  payload: z.object({
    userId: z.string().min(1),
    budgetId: z.string().min(1),
    criteriaVersion: z.number().int().positive(),
  }),
  concurrency: 3,
  lockDurationMs: 60_000,
  coalesce: ({ budgetId, criteriaVersion }) => ({
    key: budgetRunKey(budgetId),
    keepGreatest: { field: "criteriaVersion", value: criteriaVersion },
  }),
  async process({ userId, budgetId, criteriaVersion }, ctx) {
    await ctx.progress(10, "Matching transactions…");
    const outcome = await processBudget(userId, budgetId, criteriaVersion);
    if (outcome.status === "superseded") {
      await ctx.log("info", `budget ${budgetId} criteria v${criteriaVersion} superseded by a newer edit; nothing written`);
      return { result: { budgetId, criteriaVersion, superseded: true }, message: SUPERSEDED_MESSAGE };
    }
    ctx.itemDone(outcome.matched);
    await ctx.progress(90, "Checking the budget…");
    const evaluation = await evaluateUserBudgets(userId, { budgetIds: [budgetId] }).catch(async (err: Error) => {
      // The links are saved; the daily evaluation will catch up.
      await ctx.log("warning", `evaluation after processing failed: ${err.message}`);
      return null;
    });
    return {
      result: { budgetId, criteriaVersion, matched: outcome.matched, insights: evaluation?.insights ?? null },
      message: `Matched ${outcome.matched} transaction${outcome.matched === 1 ? "" : "s"}`,
    };
  },
  /** After the last failed attempt: the budget shows the reason and a Retry. */
  async onFailed({ budgetId, criteriaVersion }, error) {
    await markBudgetFailed(budgetId, criteriaVersion, error);
  },
});
