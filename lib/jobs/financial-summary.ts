import { z } from "zod";
import { PermanentJobError } from "../errors";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";
import { recomputeSummary } from "../summary/compute-summary";

const payloadSchema = z.object({ userId: z.string().min(1) });

// financial-summary: recompute one user's summary. No notification: it runs after every change,
// and the dashboard shows the new numbers (issue 16: a bell entry per recompute was spam).
export async function processFinancialSummary(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("financial-summary payload needs a userId");
  const { userId } = parsed.data;

  await ctx.progress(10, "Aggregating transactions");
  const outcome = await recomputeSummary(userId, ctx.jobId);
  if (!outcome.computed) return { result: outcome, message: "Summary already up to date" };

  return { result: outcome, message: `Summary updated (${outcome.transactionCount} transactions)` };
}
