import type { JobStatus } from "@/components/jobs/use-job-status";

// The jobs page's filters, kept in the URL (?status=&type=&mine=1) so they survive a reload.
// Shared by the server page (first render) and the client (useSearchParams).

/** Jobs per page ("Load more" brings the next). */
export const JOBS_PAGE_SIZE = 25;

export const JOB_STATUSES: readonly JobStatus[] = ["pending", "running", "completed", "failed", "cancelled"];

export const JOB_STATUS_LABEL: Record<JobStatus, string> = {
  pending: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

export interface JobFilters {
  status: JobStatus | null;
  type: string | null;
  /** Admins only: just their own jobs (others always see only theirs). */
  mine: boolean;
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: Params, name: string): string | null {
  if (params instanceof URLSearchParams) return params.get(name);
  const v = params[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Unknown values are dropped, so a stale or hand-edited URL still shows a list. */
export function parseJobFilters(params: Params, queueNames: readonly string[]): JobFilters {
  const status = first(params, "status");
  const type = first(params, "type");
  const mine = first(params, "mine");
  return {
    status: status && (JOB_STATUSES as readonly string[]).includes(status) ? (status as JobStatus) : null,
    type: type && queueNames.includes(type) ? type : null,
    mine: mine === "1" || mine === "true",
  };
}

export function filtersToQuery(filters: JobFilters): string {
  const qs = new URLSearchParams();
  if (filters.status) qs.set("status", filters.status);
  if (filters.type) qs.set("type", filters.type);
  if (filters.mine) qs.set("mine", "1");
  return qs.toString();
}

/** "csv-import" → "CSV import"; "financial-summary" → "Financial summary". */
export function jobTypeLabel(type: string): string {
  const words = type.split(/[-_]/).filter(Boolean);
  if (words.length === 0) return type;
  return words
    .map((w, i) => (w.length <= 3 && /^(csv|llm|api)$/i.test(w) ? w.toUpperCase() : i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(" ");
}

/** "Categorize · payee clean-up": the type, and which kind of run when it has several. */
export function jobLabel(job: { type: string; variant?: string | null }): string {
  return job.variant ? `${jobTypeLabel(job.type)} · ${job.variant}` : jobTypeLabel(job.type);
}

export function isActiveStatus(status: JobStatus): boolean {
  return status === "pending" || status === "running";
}
