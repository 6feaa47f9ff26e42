"use client";

import { useId, useState, type MouseEvent } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { formatAge } from "@/components/dashboard/dashboard-format";
import { ProgressBar } from "@/components/job-progress";
import type { JobItem } from "./job-api";
import { isActiveStatus, jobLabel } from "./filters";
import { elapsedMs, formatDateTime, formatDuration } from "./job-format";
import { JobLogs } from "./job-logs";
import { JobResult } from "./job-result";
import { JobStatusBadge } from "./status-badge";

// One job in the table: a summary row (type, status, progress, when, Retry / Cancel) that
// expands into a details row with timestamps, counters, result, error and the live log.

export type JobAction = "retry" | "cancel";

interface Props {
  job: JobItem;
  /** Admin "All users" view: show whose job it is. */
  showUser: boolean;
  viewerId: string;
  now: number | null;
  columns: number;
  busy: JobAction | null;
  actionError: string | null;
  onAction: (job: JobItem, action: JobAction) => void;
  onDismissError: (job: JobItem) => void;
}

function ago(iso: string | null, now: number | null): string {
  if (!iso || now === null) return "";
  return formatAge((now - Date.parse(iso)) / 1000);
}

export function ownerLabel(job: Pick<JobItem, "userId" | "userEmail">, viewerId: string): string {
  if (job.userId === null) return "System";
  if (job.userId === undefined) return "—";
  if (job.userId === viewerId) return "You";
  return job.userEmail ?? `User ${job.userId.slice(0, 8)}`;
}

function ProgressCell({ job }: { job: JobItem }) {
  const pct = Math.min(100, Math.max(0, Math.round(job.progress || 0)));
  if (job.status === "pending") {
    return (
      <div className="space-y-1">
        <p className="truncate text-xs text-slate-600" title={job.error ?? undefined}>
          {job.error ? `Waiting to retry: ${job.error}` : (job.message ?? "Waiting for a worker…")}
        </p>
        <ProgressBar value={0} label={`${jobLabel(job)}: queued`} />
      </div>
    );
  }
  if (job.status === "running") {
    return (
      <div className="space-y-1">
        <div className="flex items-baseline justify-between gap-2 text-xs">
          <span className="min-w-0 truncate text-slate-700" title={job.message ?? undefined}>
            {job.message ?? "Working…"}
          </span>
          <span className="shrink-0 tabular-nums text-slate-500">{pct} %</span>
        </div>
        <ProgressBar value={pct} label={`${jobLabel(job)}: ${job.message ?? "in progress"}`} />
      </div>
    );
  }
  if (job.status === "failed") {
    return (
      <p className="line-clamp-2 break-words text-xs text-red-800" title={job.error ?? undefined}>
        {job.error ?? "Failed."}
      </p>
    );
  }
  return (
    <p className={`line-clamp-2 break-words text-xs ${job.status === "completed" ? "text-slate-700" : "text-slate-500"}`} title={job.message ?? undefined}>
      {job.message ?? (job.status === "completed" ? "Done." : "Cancelled.")}
      {job.errorCount > 0 ? <span className="text-red-700"> · {job.errorCount.toLocaleString("en-US")} errors</span> : null}
    </p>
  );
}

export function JobRow({ job, showUser, viewerId, now, columns, busy, actionError, onAction, onDismissError }: Props) {
  const [open, setOpen] = useState(false);
  const uid = useId();
  const titleId = `${uid}-title`;
  const detailsId = `${uid}-details`;
  const label = jobLabel(job);
  const cancelling = job.status === "running" && job.message === "Cancelling…";
  const created = ago(job.createdAt, now);

  function onRowClick(e: MouseEvent<HTMLTableRowElement>) {
    // Mouse convenience: a click anywhere on the row toggles it, except on its controls.
    if ((e.target as HTMLElement).closest("button, a, input, select, textarea")) return;
    if (window.getSelection()?.toString()) return;
    setOpen((o) => !o);
  }

  return (
    <>
      <tr
        className={`cursor-pointer align-top ${open ? "bg-slate-50" : "hover:bg-slate-50"}`}
        data-testid="job-row"
        data-status={job.status}
        data-id={job.id}
        onClick={onRowClick}
      >
        <td className="px-3 py-3 sm:px-4">
          <button
            type="button"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            className="group -mx-1 flex items-start gap-1.5 rounded px-1 text-left"
          >
            <svg
              viewBox="0 0 20 20"
              className={`mt-0.5 h-4 w-4 shrink-0 text-slate-400 transition-transform group-hover:text-slate-600 ${open ? "rotate-90" : ""}`}
              fill="currentColor"
              aria-hidden="true"
              focusable="false"
            >
              <path fillRule="evenodd" d="M7.2 14.8a1 1 0 0 1 0-1.4L10.6 10 7.2 6.6a1 1 0 0 1 1.4-1.4l4.1 4.1a1 1 0 0 1 0 1.4l-4.1 4.1a1 1 0 0 1-1.4 0Z" clipRule="evenodd" />
            </svg>
            <span id={titleId} className="text-sm font-medium text-slate-900 sm:whitespace-nowrap">
              {label}
              <span className="sr-only">
                {" "}
                job{created ? `, created ${created}` : ""}
                {open ? "" : ", show details"}
              </span>
            </span>
          </button>
          {/* Small screens: status, time and progress live in this cell. */}
          <div className="mt-1 space-y-1.5 pl-5 sm:hidden">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
              <JobStatusBadge status={job.status} />
              {created ? <span>{created}</span> : null}
              {showUser ? <span>{ownerLabel(job, viewerId)}</span> : null}
            </div>
            <ProgressCell job={job} />
          </div>
        </td>
        <td className="hidden px-4 py-3 sm:table-cell">
          <JobStatusBadge status={job.status} />
        </td>
        <td className="hidden w-full max-w-0 px-4 py-3 sm:table-cell">
          <ProgressCell job={job} />
        </td>
        {showUser ? (
          <td className="hidden whitespace-nowrap px-4 py-3 text-sm text-slate-600 md:table-cell" title={job.userId ?? undefined}>
            {ownerLabel(job, viewerId)}
          </td>
        ) : null}
        <td className="hidden whitespace-nowrap px-4 py-3 text-sm text-slate-600 md:table-cell">
          <time dateTime={job.createdAt} title={now === null ? undefined : formatDateTime(job.createdAt)}>
            {created}
          </time>
        </td>
        <td className="whitespace-nowrap px-2 py-2.5 text-right sm:px-4">
          {job.status === "failed" || job.status === "cancelled" ? (
            <ActionButton tone="indigo" busy={busy === "retry"} disabled={busy !== null} onClick={() => onAction(job, "retry")} describedBy={titleId}>
              {busy === "retry" ? "Retrying…" : "Retry"}
            </ActionButton>
          ) : isActiveStatus(job.status) ? (
            <ActionButton
              tone="red"
              busy={busy === "cancel"}
              disabled={busy !== null || cancelling}
              onClick={() => onAction(job, "cancel")}
              describedBy={titleId}
            >
              {busy === "cancel" || cancelling ? "Cancelling…" : "Cancel"}
            </ActionButton>
          ) : null}
        </td>
      </tr>
      {actionError ? (
        <tr className="bg-red-50/70">
          <td colSpan={columns} className="px-3 py-2 sm:px-4">
            <div role="alert" className="flex items-start justify-between gap-3 text-sm text-red-800">
              <span>{actionError}</span>
              <button
                type="button"
                onClick={() => onDismissError(job)}
                className="shrink-0 rounded px-1 text-sm font-medium text-red-800 underline underline-offset-2 hover:text-red-950"
              >
                Dismiss
              </button>
            </div>
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="bg-slate-50" data-testid="job-details">
          <td colSpan={columns} id={detailsId} className="px-3 pb-4 pt-1 sm:px-4">
            <JobDetails job={job} label={label} showUser={showUser} viewerId={viewerId} now={now} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ActionButton({
  tone,
  busy,
  disabled,
  onClick,
  describedBy,
  children,
}: {
  tone: "indigo" | "red";
  busy: boolean;
  disabled: boolean;
  onClick: () => void;
  describedBy: string;
  children: string;
}) {
  const color = tone === "red" ? "border-red-200 text-red-700 hover:bg-red-50" : "border-indigo-200 text-indigo-700 hover:bg-indigo-50";
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-describedby={describedBy}
      className={`inline-flex items-center gap-1.5 rounded-lg border bg-white px-2.5 py-1 text-sm font-medium shadow-sm disabled:cursor-not-allowed disabled:opacity-60 ${color}`}
    >
      {busy ? <Spinner className="h-3.5 w-3.5" /> : null}
      {children}
    </button>
  );
}

function JobDetails({ job, label, showUser, viewerId, now }: { job: JobItem; label: string; showUser: boolean; viewerId: string; now: number | null }) {
  const duration = elapsedMs(job.startedAt, job.finishedAt, isActiveStatus(job.status) ? now : null);
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : "—");
  const facts: [string, string][] = [
    ["Created", when(job.createdAt)],
    ["Started", when(job.startedAt)],
    ["Finished", when(job.finishedAt)],
    [job.finishedAt ? "Took" : "Running for", job.startedAt ? formatDuration(duration) : "—"],
    ["Attempts", job.attempts.toLocaleString("en-US")],
    ["Processed", job.processedCount.toLocaleString("en-US")],
    ["Errors", job.errorCount.toLocaleString("en-US")],
  ];
  if (showUser) facts.push(["User", job.userId === null ? "System" : (job.userId ?? "—")]);

  return (
    <div className="space-y-4 rounded-xl border border-slate-200 bg-white p-3 sm:p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{label}</h3>
        <code className="break-all text-xs text-slate-500">{job.id}</code>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
        {facts.map(([term, value]) => (
          <div key={term} className="min-w-0">
            <dt className="text-xs text-slate-500">{term}</dt>
            <dd className={`break-words tabular-nums text-slate-900 ${term === "Errors" && job.errorCount > 0 ? "font-medium text-red-700" : ""}`}>
              {showUser && term === "User" && job.userId === viewerId ? `${value} (you)` : value}
            </dd>
          </div>
        ))}
      </dl>
      {job.message ? (
        <div>
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">Message</h4>
          <p className="mt-1 break-words text-sm text-slate-800">{job.message}</p>
        </div>
      ) : null}
      {job.error ? (
        <div>
          <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">{job.status === "failed" ? "Error" : "Last error"}</h4>
          <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded-lg border border-red-200 bg-red-50 p-2 font-mono text-xs text-red-900">
            {job.error}
          </pre>
        </div>
      ) : null}
      {job.result !== null && job.result !== undefined ? (
        <div>
          <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Result</h4>
          <JobResult result={job.result} />
        </div>
      ) : null}
      <div>
        <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Log</h4>
        <JobLogs jobId={job.id} status={job.status} label={`${label} job`} />
      </div>
    </div>
  );
}
