import type { JobStatus } from "@/components/jobs/use-job-status";
import { JOB_STATUS_LABEL } from "./filters";

const STYLE: Record<JobStatus, string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-200",
  running: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  completed: "bg-green-50 text-green-800 ring-green-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-200",
};

export function StatusBadge({ status }: { status: JobStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status] ?? STYLE.pending}`}
    >
      {status === "running" ? <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-indigo-600" /> : null}
      {JOB_STATUS_LABEL[status] ?? status}
    </span>
  );
}
