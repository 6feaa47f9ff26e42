import { requestJson } from "@/components/transactions/transaction-api";
import type { JobStatus } from "@/components/jobs/use-job-status";
import type { Heartbeat } from "@/lib/queue/heartbeat";
import type { JobLogView } from "@/lib/queue/job-actions";
import type { JobView } from "@/lib/queue/job-view";
import type { QueueOverview } from "@/lib/queue/monitor";

// Browser-side calls to the jobs API (types only from the server modules). Errors come back
// as ApiResult messages: 409 for a retry or cancel that lost a race, 429 when rate limited.

/** A job as the list shows it; userId only in list answers (null: a system job). */
export type JobItem = JobView & { userId?: string | null };

export type JobLog = JobLogView;
export type QueueInfo = QueueOverview;
export type WorkerInfo = Heartbeat;

export interface JobPage {
  jobs: JobItem[];
  nextCursor: string | null;
}

export interface JobListQuery {
  status?: JobStatus | null;
  type?: string | null;
  mine?: boolean;
  limit: number;
  cursor?: string | null;
}

export function fetchJobs(query: JobListQuery) {
  const qs = new URLSearchParams({ limit: String(query.limit) });
  if (query.status) qs.set("status", query.status);
  if (query.type) qs.set("type", query.type);
  if (query.mine) qs.set("mine", "1");
  if (query.cursor) qs.set("cursor", query.cursor);
  return requestJson<JobPage>("GET", `/api/jobs?${qs}`);
}

export function fetchJobLogs(id: string, after?: string | null) {
  const qs = after ? `?${new URLSearchParams({ after })}` : "";
  return requestJson<{ status: JobStatus; logs: JobLog[] }>("GET", `/api/jobs/${encodeURIComponent(id)}/logs${qs}`);
}

export function postJobRetry(id: string) {
  return requestJson<JobView>("POST", `/api/jobs/${encodeURIComponent(id)}/retry`);
}

export function postJobCancel(id: string) {
  return requestJson<JobView>("POST", `/api/jobs/${encodeURIComponent(id)}/cancel`);
}

export function fetchQueues() {
  return requestJson<{ queues: QueueInfo[]; workers: WorkerInfo[] }>("GET", "/api/admin/queues");
}
