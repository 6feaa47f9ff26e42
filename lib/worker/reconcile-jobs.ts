import { ALL_QUEUES } from "../jobs/job-names";
import { reconcile, type ReconcileReport } from "../queue/reconcile";
import { requestStaleSummaries } from "../summary/request-summary";

// The reconciler as the application runs it (the cron route and every worker's sweep): the
// queue layer's sweep over every job type, then the catch-ups the domain owns.
export function reconcileJobs(options: { pendingAfterMs?: number } = {}): Promise<ReconcileReport<"summariesRequested">> {
  return reconcile({ queueNames: ALL_QUEUES, catchUps: { summariesRequested: requestStaleSummaries } }, options);
}
