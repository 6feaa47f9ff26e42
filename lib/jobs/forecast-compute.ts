import { z } from "zod";
import { PermanentJobError } from "../errors";
import { MODELS } from "../finance/forecast/models";
import { computeForecastForUser, FORECAST_PRIORITY, startForecastCompute, usersDueForForecast } from "../forecast/forecasts";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

/** Sunday 02:00 (SCHEDULE_TIMEZONE); lib/forecast/next-run.ts makes forecasts valid until then. */
export const FORECAST_COMPUTE_SCHEDULE = "0 2 * * 0";

// forecast-compute: one user's spending forecast (skipped while the stored one is valid and
// their data unchanged, unless forced); the weekly run queues one job per eligible user.
export const forecastComputeJob = defineJob({
  name: QUEUE.forecastCompute,
  payload: z.object({
    userId: z.string().min(1).optional(),
    force: z.boolean().optional(),
    scheduled: z.boolean().optional(),
  }),
  concurrency: 1,
  // Model fitting is CPU-bound and may hold the event loop for a while.
  lockDurationMs: 180_000,
  schedule: FORECAST_COMPUTE_SCHEDULE,
  async process({ userId, force }, ctx) {
    if (!userId) {
      await ctx.progress(10, "Finding users with at least 60 days of data");
      const users = await usersDueForForecast();
      for (const id of users) {
        await startForecastCompute(id, { force: false, priority: FORECAST_PRIORITY.scheduled });
        ctx.itemDone();
      }
      return { result: { queued: users.length }, message: `Queued forecasts for ${users.length} users` };
    }

    await ctx.progress(10, "Backtesting forecast models on your history");
    const outcome = await computeForecastForUser(userId, { force, jobId: ctx.jobId });
    if (!outcome) throw new PermanentJobError(`user ${userId} no longer exists`);
    switch (outcome.status) {
      case "still_valid":
        return { result: outcome, message: "Forecast still valid" };
      case "not_enough_history":
        return { result: outcome, message: outcome.message };
      case "computed":
        return {
          result: outcome,
          message: `Forecast computed from ${outcome.historyDays} days of history; model: ${MODELS.find((m) => m.name === outcome.model)?.label ?? outcome.model}`,
        };
    }
  },
});
