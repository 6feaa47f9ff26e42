import { z } from "zod";
import { requestBudgetReprocessing } from "../budgets/request-processing";
import { runClassification, runPayeeLookup } from "../categorize/run-categorization";
import { createNotification } from "../notifications/notifications";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// categorize: payee lookup or classification over the user's chosen transactions.
export const categorizeJob = defineJob({
  name: QUEUE.categorize,
  payload: z.object({
    userId: z.string().min(1),
    kind: z.enum(["payee_lookup", "classification"]),
    transactionIds: z.array(z.string()).optional(),
    importId: z.string().min(1).optional(),
    limit: z.number().int().positive().optional(),
  }),
  concurrency: 2,
  // An LLM request can take tens of seconds.
  lockDurationMs: 120_000,
  async process({ userId, ...request }, ctx) {
    await ctx.progress(0, "Loading transactions…");
    if (request.kind === "payee_lookup") {
      const result = await runPayeeLookup(userId, request, ctx);
      const message = result.total === 0 ? "No transactions to clean up" : `Cleaned ${result.updated} payees (${result.unchanged} unchanged)`;
      // Budgets that match by payee or keyword may now match other rows.
      if (result.updated > 0) await requestBudgetReprocessing(userId);
      await notify(userId, ctx.jobId, "Payee clean-up finished", `${message}.`);
      return { result, message };
    }
    const result = await runClassification(userId, request, ctx);
    // Budgets that match by category may now match other rows.
    if (result.categorized > 0) await requestBudgetReprocessing(userId);
    const review = result.needsReview ? ` ${result.needsReview} need your review.` : "";
    const body = result.total === 0 ? "Every transaction already has a category." : `Categorized ${result.categorized} of ${result.total} transactions.${review}`;
    await notify(userId, ctx.jobId, "Categorization finished", body);
    return {
      result,
      message:
        result.total === 0
          ? "Nothing to categorize: every transaction already has a category"
          : `Categorized ${result.categorized} (${result.highConfidence} high confidence), ${result.needsReview} need review, ${result.errors} errors`,
    };
  },
});

const notify = (userId: string, jobId: string, title: string, body: string) =>
  createNotification({ userId, kind: "categorize_completed", title, body, link: "/dashboard/transactions", jobId });
