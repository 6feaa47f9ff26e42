import type { JobStatus } from "@/components/jobs/use-job-status";
import { StatusBadge, type StatusTone } from "@/components/status-badge";
import { JOB_STATUS_LABEL } from "./filters";

const TONE: Record<JobStatus, StatusTone> = { pending: "neutral", running: "active", completed: "done", failed: "failed", cancelled: "attention" };

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <StatusBadge tone={TONE[status]} label={JOB_STATUS_LABEL[status] ?? status} />;
}
