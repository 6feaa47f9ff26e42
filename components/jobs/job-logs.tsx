"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { isFinalJobStatus, type JobStatus } from "@/components/jobs/use-job-status";
import { fetchJobLogs, type JobLog } from "./job-api";
import { formatClock } from "./job-format";

// A job's log, live: loads every line, then while the job is running asks every second for
// the lines after the last one seen (?after=). It follows the newest line unless the reader
// has scrolled up; "Jump to newest" brings them back.

const RUNNING_POLL_MS = 1000;
const PENDING_POLL_MS = 2000;
const ERROR_POLL_MS = 3000;
/** The API's page size: a full page means more are waiting. */
const API_PAGE = 500;
/** Lines kept in memory; older ones are dropped from the view. */
const MAX_LINES = 5000;

const LEVEL_STYLE: Record<JobLog["level"], { label: string; tag: string; text: string }> = {
  debug: { label: "DEBUG", tag: "text-slate-400", text: "text-slate-400" },
  info: { label: "INFO", tag: "text-sky-300", text: "text-slate-100" },
  warning: { label: "WARN", tag: "text-amber-300", text: "text-amber-100" },
  error: { label: "ERROR", tag: "text-red-300", text: "text-red-200" },
};

const NO_LINES: JobLog[] = [];

interface LogState {
  jobId: string;
  lines: JobLog[];
  dropped: number;
  loaded: boolean;
  error: string | null;
}

export function JobLogs({ jobId, status, label }: { jobId: string; status: JobStatus; label: string }) {
  const [state, setState] = useState<LogState>({ jobId, lines: [], dropped: 0, loaded: false, error: null });
  const [pinned, setPinned] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  // Restart when the job goes from finished back to queued (a retry) and once when it ends.
  const active = !isFinalJobStatus(status);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let after: string | null = null;
    let fresh = true;

    const poll = async () => {
      timer = undefined;
      const res = await fetchJobLogs(jobId, after);
      if (cancelled) return;
      if (!res.ok) {
        setState((prev) => ({ ...prev, jobId, loaded: true, error: res.message }));
        if (res.status !== 404 && res.status !== 401) timer = setTimeout(poll, ERROR_POLL_MS);
        return;
      }
      const { logs, status: now } = res.data;
      if (logs.length > 0) after = logs[logs.length - 1].id;
      const replace = fresh;
      fresh = false;
      setState((prev) => {
        const base = replace || prev.jobId !== jobId ? [] : prev.lines;
        const all = logs.length > 0 ? [...base, ...logs] : base;
        const over = Math.max(0, all.length - MAX_LINES);
        return {
          jobId,
          lines: over > 0 ? all.slice(over) : all,
          dropped: (replace || prev.jobId !== jobId ? 0 : prev.dropped) + over,
          loaded: true,
          error: null,
        };
      });
      if (logs.length >= API_PAGE) timer = setTimeout(poll, 0);
      else if (now === "running") timer = setTimeout(poll, RUNNING_POLL_MS);
      else if (now === "pending") timer = setTimeout(poll, PENDING_POLL_MS);
    };

    void poll();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [jobId, active]);

  const lines = state.jobId === jobId ? state.lines : NO_LINES;

  // Follow the newest line while pinned to the bottom.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && pinned) el.scrollTop = el.scrollHeight;
  }, [lines, pinned]);

  function onScroll() {
    const el = box.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom !== pinned) setPinned(atBottom);
  }

  return (
    <div className="relative">
      <div
        ref={box}
        onScroll={onScroll}
        role="log"
        aria-label={`Log of ${label}`}
        aria-live={active ? "polite" : "off"}
        tabIndex={0}
        data-testid="job-logs"
        data-lines={lines.length}
        className="max-h-72 min-h-[5rem] overflow-auto rounded-xl bg-slate-950 px-3 py-2 font-mono text-xs leading-5 text-slate-100 sm:max-h-96"
      >
        {state.dropped > 0 ? (
          <p className="text-slate-400">… {state.dropped.toLocaleString("en-US")} earlier lines not shown</p>
        ) : null}
        {!state.loaded && state.jobId === jobId ? (
          <p className="text-slate-400">Loading log…</p>
        ) : lines.length === 0 ? (
          <p className="text-slate-400">{active ? "No log lines yet. They appear here as the job runs." : "This job wrote no log lines."}</p>
        ) : (
          <ol>
            {lines.map((line) => {
              const style = LEVEL_STYLE[line.level] ?? LEVEL_STYLE.info;
              return (
                <li key={line.id} className="flex gap-2" data-level={line.level}>
                  <time dateTime={line.createdAt} className="shrink-0 text-slate-500 tabular-nums">
                    {formatClock(line.createdAt)}
                  </time>
                  <span className={`w-10 shrink-0 font-semibold ${style.tag}`}>{style.label}</span>
                  <span className={`min-w-0 whitespace-pre-wrap break-words ${style.text}`}>{line.message}</span>
                </li>
              );
            })}
          </ol>
        )}
      </div>
      {state.error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          Couldn&apos;t load the log: {state.error}
        </p>
      ) : null}
      {!pinned && lines.length > 0 ? (
        <button
          type="button"
          onClick={() => {
            setPinned(true);
            const el = box.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
          className="absolute bottom-2 right-4 rounded-full bg-indigo-600 px-3 py-1 text-xs font-semibold text-white shadow hover:bg-indigo-700"
        >
          Jump to newest ↓
        </button>
      ) : null}
    </div>
  );
}
