import { z } from "zod";
import { evaluateUserBudgets } from "../budgets/evaluate-budgets";
import { markBudgetFailed, processBudget, SUPERSEDED_MESSAGE } from "../budgets/process-budget";
import { PermanentJobError } from "../errors";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";

const payloadSchema = z.object({
  userId: z.string().min(1),
  budgetId: z.string().min(1),
  criteriaVersion: z.number().int().positive(),
});

// budget-processing: link the transactions that match a budget, then set it ready; an older
// run than the budget's criteria writes nothing. Then the budget is evaluated at once, so a
// budget saved already over its amount does not wait for the daily run to say so.
export async function processBudgetProcessing(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("budget-processing payload needs userId, budgetId and criteriaVersion");
  const { userId, budgetId, criteriaVersion } = parsed.data;

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
}

/** After the last failed attempt: the budget shows the reason and a Retry. */
export async function onBudgetProcessingFailed(payload: unknown, error: string): Promise<void> {
  const parsed = payloadSchema.safeParse(payload);
  if (parsed.success) await markBudgetFailed(parsed.data.budgetId, parsed.data.criteriaVersion, error);
}
