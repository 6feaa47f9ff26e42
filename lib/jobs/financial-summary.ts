import { z } from "zod";
import { env } from "../env";
import { defineJob } from "../queue/define-job";
import { recomputeSummary } from "../summary/compute-summary";
import { emitWebhookEvent } from "../webhooks/emit-event";
import { QUEUE } from "./job-names";

// financial-summary: recompute one user's summary. No notification: it runs after every change
// and the dashboard shows the new numbers (a bell entry per recompute was spam). Coalesced per
// user: while a run is pending, every further change attaches to it (a burst costs one run); a
// run starts once the user's changes have been quiet SUMMARY_DEBOUNCE_MS, at the latest
// SUMMARY_MAX_WAIT_MS after the first. A claimed run takes no more attachments, so a change
// during a recompute always gets a run after it (lib/summary/request-summary.ts).
export const financialSummaryJob = defineJob({
  name: QUEUE.financialSummary,
  payload: z.object({ userId: z.string().min(1) }),
  concurrency: 5,
  lockDurationMs: 30_000,
  coalesce: ({ userId }) => ({
    key: `${QUEUE.financialSummary}:${userId}`,
    debounce: { debounceMs: env().SUMMARY_DEBOUNCE_MS, maxWaitMs: env().SUMMARY_MAX_WAIT_MS },
  }),
  async process({ userId }, ctx) {
    await ctx.progress(10, "Aggregating transactions");
    const outcome = await recomputeSummary(userId, ctx.jobId);
    if (!outcome.computed) return { result: outcome, message: "Summary already up to date" };

    await emitWebhookEvent(undefined, userId, "summary.updated", { transactionCount: outcome.transactionCount, computedAt: new Date().toISOString() }, { dedupeKey: `summary.updated:${ctx.jobId}` });
    return { result: outcome, message: `Summary updated (${outcome.transactionCount} transactions)` };
  },
});
