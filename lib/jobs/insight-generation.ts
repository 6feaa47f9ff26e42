import { z } from "zod";
import { PermanentJobError } from "../errors";
import { generateInsightsForUser } from "../insights/generate-insights";
import { fanOutInsightGeneration, usersWithRecentTransactions } from "../insights/insights";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// insight-generation (daily 03:00, SCHEDULE_TIMEZONE): for one user, the insight rules; the
// scheduled run (no user) queues one such job per user with transactions in the last 7 days.
export const insightGenerationJob = defineJob({
  name: QUEUE.insightGeneration,
  payload: z.object({ userId: z.string().min(1).optional(), scheduled: z.boolean().optional() }),
  concurrency: 3,
  lockDurationMs: 60_000,
  schedule: "0 3 * * *",
  async process({ userId }, ctx) {
    if (!userId) {
      await ctx.progress(10, "Finding users with recent transactions");
      const users = await usersWithRecentTransactions();
      const queued = await fanOutInsightGeneration(users);
      ctx.itemDone(queued);
      return { result: { users: users.length, queued }, message: `Queued insight generation for ${queued} users` };
    }

    await ctx.progress(10, "Looking for spikes, creeping categories and recurring payments");
    const result = await generateInsightsForUser(userId, { jobId: ctx.jobId });
    if (!result) throw new PermanentJobError(`user ${userId} no longer exists`);
    return {
      result,
      message: `Found ${result.found} insights (${result.created} new, ${result.updated} updated)`,
    };
  },
});
