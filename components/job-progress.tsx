"use client";

import { useEffect, useEffectEvent, useRef, type ReactNode } from "react";
import { isFinalJobStatus, useJobStatus, type JobStatus } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";

// A background job's progress: queued → running → completed | failed (| cancelled).
// <JobProgress jobId> polls the job itself; <JobProgressView> only draws a state, for
// callers that already poll (the dashboard).

export interface JobProgressViewProps {
  /** null before the first answer: shown as queued. */
  status: JobStatus | null;
  progress: number;
  message: string | null;
  result?: unknown;
  error: string | null;
  /** Offered on a failed or cancelled job. */
  onRetry?: () => void;
  /**
   * The completed state's text, from the job's result (e.g. "Categorized 45, 5 need
   * review"). Return null to fall back to the job's message.
   */
  renderResult?: (result: unknown) => ReactNode;
  /** Shown before the state, e.g. "Summary". */
  label?: string;
  className?: string;
}

function describeResult(result: unknown): string | null {
  if (typeof result === "string" && result) return result;
  if (typeof result === "number") return String(result);
  if (result && typeof result === "object") {
    const r = result as { transactionCount?: unknown; computed?: unknown };
    if (typeof r.transactionCount === "number") {
      const n = r.transactionCount;
      return r.computed === false
        ? "Already up to date."
        : `${n.toLocaleString("en-US")} transaction${n === 1 ? "" : "s"} included.`;
    }
  }
  return null;
}

function clamp(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

export function ProgressBar({ value, label, tone = "indigo" }: { value: number; label: string; tone?: "indigo" | "green" | "red" }) {
  const v = clamp(value);
  const fill = tone === "green" ? "bg-green-600" : tone === "red" ? "bg-red-600" : "bg-indigo-600";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={v}
      aria-valuetext={`${v}%`}
      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className={`h-full rounded-full ${fill} transition-[width] duration-500 ease-out`} style={{ width: `${v}%` }} />
    </div>
  );
}

export function JobProgressView({ status, progress, message, result, error, onRetry, renderResult, label, className = "" }: JobProgressViewProps) {
  const prefix = label ? `${label}: ` : "";
  const state = status === null || status === "pending" ? "queued" : status;

  if (state === "queued" || state === "running") {
    const queued = state === "queued";
    const v = queued ? 0 : clamp(progress);
    return (
      <div className={`space-y-1.5 ${className}`} data-testid="job-progress" data-status={state}>
        <div className="flex items-baseline justify-between gap-3 text-sm">
          {queued ? (
            <span className="text-slate-700" aria-live="polite">
              {prefix}Queued
              {error && status === "pending" ? <span className="text-slate-500"> (retrying after: {error})</span> : null}
            </span>
          ) : (
            <span className="min-w-0 truncate text-slate-700" aria-live="polite">
              {prefix}
              {message ?? "Working…"}
            </span>
          )}
          <span className="tabular-nums text-slate-500">{v} %</span>
        </div>
        <ProgressBar value={v} label={queued ? `${prefix}queued` : `${prefix}${message ?? "in progress"}`} />
      </div>
    );
  }

  if (state === "completed") {
    const custom = renderResult ? renderResult(result) : null;
    const detail = describeResult(result);
    return (
      <div className={`flex items-start gap-2 text-sm text-green-800 ${className}`} data-testid="job-progress" data-status="completed" role="status">
        <StateIcon d={CHECK_PATH} />
        {custom !== null && custom !== undefined && custom !== false && custom !== "" ? (
          <div className="min-w-0">
            {prefix}
            {custom}
          </div>
        ) : (
          <span>
            {prefix}
            {message ?? "Done."}
            {detail && !message ? <span className="text-green-700"> {detail}</span> : null}
          </span>
        )}
      </div>
    );
  }

  if (state === "cancelled") {
    return (
      <div className={`flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-600 ${className}`} data-testid="job-progress" data-status="cancelled" role="status">
        <span>
          {prefix}Cancelled{message ? `: ${message}` : "."}
        </span>
        {onRetry ? <RetryButton onRetry={onRetry} tone="slate" /> : null}
      </div>
    );
  }

  return (
    <div className={`flex flex-wrap items-center gap-x-3 gap-y-2 text-sm ${className}`} data-testid="job-progress" data-status="failed" role="alert">
      <span className="flex min-w-0 items-start gap-2 text-red-800">
        <StateIcon d={ERROR_PATH} />
        <span>
          {prefix}Failed{error ? `: ${error}` : "."}
        </span>
      </span>
      {onRetry ? <RetryButton onRetry={onRetry} tone="red" /> : null}
    </div>
  );
}

function RetryButton({ onRetry, tone }: { onRetry: () => void; tone: "red" | "slate" }) {
  return (
    <button
      type="button"
      onClick={onRetry}
      className={`rounded-md border bg-white px-2.5 py-1 text-sm font-medium ${
        tone === "red" ? "border-red-300 text-red-800 hover:bg-red-50" : "border-slate-300 text-slate-700 hover:bg-slate-50"
      }`}
    >
      Retry
    </button>
  );
}

export interface JobProgressProps {
  jobId: string | null | undefined;
  /** Called once when the job reaches completed, failed or cancelled. */
  onDone?: (job: JobView) => void;
  onRetry?: () => void;
  /** The completed state's text from the job's result; see JobProgressView. */
  renderResult?: (result: unknown) => ReactNode;
  label?: string;
  className?: string;
}

export function JobProgress({ jobId, onDone, ...view }: JobProgressProps) {
  const { job, polling: _polling, ...state } = useJobStatus(jobId);
  const notified = useRef<string | null>(null);
  const done = useEffectEvent((finished: JobView) => onDone?.(finished));

  useEffect(() => {
    if (!job || !isFinalJobStatus(job.status) || notified.current === job.id) return;
    notified.current = job.id;
    done(job);
  }, [job]);

  if (!jobId) return null;
  return <JobProgressView {...state} {...view} />;
}

const CHECK_PATH = "M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z";
const ERROR_PATH =
  "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM9 6a1 1 0 1 1 2 0v4a1 1 0 1 1-2 0V6Zm1 8.5a1.25 1.25 0 1 0 0-2.5 1.25 1.25 0 0 0 0 2.5Z";

/** The completed and failed states' icon. */
function StateIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0" fill="currentColor" aria-hidden="true" focusable="false">
      <path fillRule="evenodd" d={d} clipRule="evenodd" />
    </svg>
  );
}
