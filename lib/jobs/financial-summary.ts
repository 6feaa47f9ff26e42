import { z } from "zod";
import { PermanentJobError } from "../errors";
import { createNotification } from "../notifications/notifications";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";
import { recomputeSummary } from "../summary/compute-summary";
import { emitWebhookEvent } from "../webhooks/emit-event";

const payloadSchema = z.object({ userId: z.string().min(1) });

// financial-summary: recompute one user's summary and tell them.
export async function processFinancialSummary(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("financial-summary payload needs a userId");
  const { userId } = parsed.data;

  await ctx.progress(10, "Aggregating transactions");
  const outcome = await recomputeSummary(userId, ctx.jobId);
  if (!outcome.computed) return { result: outcome, message: "Summary already up to date" };

  await ctx.progress(90, "Summary saved");
  await createNotification({
    userId,
    kind: "summary_updated",
    title: "Your financial summary was updated",
    body: `${outcome.transactionCount.toLocaleString("en-US")} transactions included.`,
    link: "/dashboard",
    jobId: ctx.jobId,
  });
  await emitWebhookEvent(undefined, userId, "summary.updated", { transactionCount: outcome.transactionCount, computedAt: new Date().toISOString() }, { dedupeKey: `summary.updated:${ctx.jobId}` });
  return { result: outcome, message: `Summary updated (${outcome.transactionCount} transactions)` };
}
