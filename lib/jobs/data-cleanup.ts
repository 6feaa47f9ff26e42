import { z } from "zod";
import { cleanExpiredInsights } from "../maintenance/clean-old-insights";
import { cleanOldJobs } from "../maintenance/clean-old-jobs";
import { cleanUnconfirmedImports } from "../maintenance/clean-unconfirmed-imports";
import { cleanOldWebhookEvents } from "../maintenance/clean-old-webhook-events";
import { cleanOldRuleApplications } from "../maintenance/clean-old-rule-applications";
import { cleanExpiredBulkActions } from "../maintenance/clean-expired-bulk-actions";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// data-cleanup (daily 04:00, so an unconfirmed upload goes within a day of its TTL): retention of jobs, their logs and Bull's finished sets, and of
// insights long past their expiry, of uploads never confirmed, of old webhook events, and of
// rule applications past their 30-day undo window, and of bulk actions past theirs.
export const dataCleanupJob = defineJob({
  name: QUEUE.dataCleanup,
  payload: z.object({}),
  concurrency: 1,
  lockDurationMs: 120_000,
  schedule: "0 4 * * *",
  async process(_payload, ctx) {
    await ctx.progress(5, "Removing old jobs");
    const report = await cleanOldJobs();
    await ctx.progress(80, "Removing expired insights");
    const expiredInsights = await cleanExpiredInsights();
    const unconfirmed = await cleanUnconfirmedImports();
    await ctx.progress(90, "Removing old webhook events");
    const webhooks = await cleanOldWebhookEvents();
    const ruleApplications = await cleanOldRuleApplications();
    const bulkActions = await cleanExpiredBulkActions();
    const message = `Removed ${report.completedRows} completed and ${report.failedRows} failed jobs, ${expiredInsights} expired insights, ${unconfirmed.imports} unconfirmed uploads, ${webhooks.events} webhook events (${webhooks.deliveries} deliveries), ${ruleApplications} rule applications and ${bulkActions} bulk actions past their undo window`;
    await ctx.log("info", `${message}; Bull: ${report.bullCompleted} completed, ${report.bullFailed} failed`);
    return {
      result: {
        ...report,
        expiredInsights,
        unconfirmedImports: unconfirmed.imports,
        unconfirmedImportBytes: unconfirmed.bytes,
        webhookEvents: webhooks.events,
        webhookDeliveries: webhooks.deliveries,
        ruleApplications,
        bulkActions,
      },
      message,
    };
  },
});
