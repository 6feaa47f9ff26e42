"use client";

import { useEffect, useRef, useState } from "react";
import { formatAge } from "@/components/dashboard/dashboard-format";
import { useNow } from "@/components/dashboard/updated-ago";
import { fetchQueues, type QueueInfo, type WorkerInfo } from "./job-api";
import { jobTypeLabel } from "./filters";
import { formatDuration } from "./job-format";

// Admins: every queue's Bull counts and last hour's throughput, and the live workers (their
// heartbeats). Polled every 5 s while the tab is visible.

const POLL_MS = 5000;

interface Overview {
  queues: QueueInfo[];
  workers: WorkerInfo[];
  /** When this answer arrived. */
  at: number;
}

/** "4 s ago" for a heartbeat (they come every few seconds), else "2 minutes ago". */
function seenAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s} s ago` : formatAge(s);
}

function n(value: number | undefined | null): string {
  return value === undefined || value === null ? "—" : value.toLocaleString("en-US");
}

export function QueueMonitor() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const now = useNow();
  const stopped = useRef(false);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let waiting = false;

    async function run() {
      timer = undefined;
      if (document.visibilityState === "hidden") {
        waiting = true;
        return;
      }
      const res = await fetchQueues();
      if (cancelled) return;
      if (res.ok) {
        setData({ ...res.data, at: Date.now() });
        setError(null);
      } else if (res.status === 404 || res.status === 401) {
        // Not (or no longer) an admin: the section goes away.
        stopped.current = true;
        setHidden(true);
        return;
      } else {
        setError(res.message);
      }
      timer = setTimeout(run, POLL_MS);
    }
    const onVisible = () => {
      if (document.visibilityState === "visible" && waiting && !stopped.current) {
        waiting = false;
        void run();
      }
    };
    void run();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  if (hidden) return null;

  return (
    <section aria-labelledby="queues-heading" className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm" data-testid="queue-monitor">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="queues-heading" className="text-base font-semibold text-slate-900">
            Queues
          </h2>
          <p className="text-xs text-slate-500">Admins only. Counts from Redis; last hour from finished jobs. Updates every 5 s.</p>
        </div>
      </div>

      {error ? (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          Couldn&apos;t load the queues: {error}
          {data ? " Showing the last answer." : ""}
        </p>
      ) : null}

      {!data ? (
        error ? null : (
          <p className="px-4 py-8 text-center text-sm text-slate-500" role="status">
            Loading queues…
          </p>
        )
      ) : (
        <>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Queues table (scrolls sideways)">
            <table className="w-full min-w-[44rem] border-collapse text-sm" data-testid="queue-table">
              <caption className="sr-only">Queues: jobs waiting, active, delayed, failed and completed, and the last hour&apos;s throughput</caption>
              <thead className="bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" rowSpan={2} className="px-4 py-2 text-left align-bottom">
                    Queue
                  </th>
                  <th scope="colgroup" colSpan={5} className="border-b border-slate-200 px-2 pb-1 pt-2 text-center">
                    Now
                  </th>
                  <th scope="colgroup" colSpan={4} className="border-b border-l border-slate-200 px-2 pb-1 pt-2 text-center">
                    Last hour
                  </th>
                </tr>
                <tr>
                  {["Waiting", "Active", "Delayed", "Failed", "Completed"].map((h) => (
                    <th key={h} scope="col" className="px-2 py-1.5 text-right font-medium">
                      {h}
                    </th>
                  ))}
                  <th scope="col" className="border-l border-slate-200 px-2 py-1.5 text-right font-medium">
                    Done
                  </th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium">
                    Failed
                  </th>
                  <th scope="col" className="px-2 py-1.5 text-right font-medium">
                    Per min
                  </th>
                  <th scope="col" className="px-4 py-1.5 text-right font-medium">
                    Avg time
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 tabular-nums">
                {data.queues.map((q) => (
                  <QueueRow key={q.name} queue={q} />
                ))}
              </tbody>
            </table>
          </div>
          <Workers workers={data.workers} now={now} />
        </>
      )}
    </section>
  );
}

function QueueRow({ queue: q }: { queue: QueueInfo }) {
  const c = q.counts;
  const idle = !q.hasProcessor;
  const cell = "px-2 py-2 text-right";
  return (
    <tr className={idle ? "bg-slate-50/60 text-slate-500" : "text-slate-800"} data-testid="queue-row" data-queue={q.name} data-has-processor={q.hasProcessor}>
      <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-medium">
        <span className={idle ? "text-slate-500" : "text-slate-900"}>{jobTypeLabel(q.name)}</span>
        <span className="block font-mono text-xs font-normal text-slate-500">
          {q.name} <span title="the Bull queue that carries this job type">· {q.queue}</span>
        </span>
        {idle ? <span className="mt-0.5 block text-xs font-normal italic text-slate-500">no live worker</span> : null}
      </th>
      <td className={cell}>{n(c?.waiting)}</td>
      <td className={`${cell} ${!idle && (c?.active ?? 0) > 0 ? "font-semibold text-indigo-700" : ""}`}>{n(c?.active)}</td>
      <td className={cell}>{n(c?.delayed)}</td>
      <td className={`${cell} ${!idle && (c?.failed ?? 0) > 0 ? "font-semibold text-red-700" : ""}`}>{n(c?.failed)}</td>
      <td className={cell}>{n(c?.completed)}</td>
      <td className={`${cell} border-l border-slate-100`}>{n(q.lastHour.completed)}</td>
      <td className={`${cell} ${!idle && q.lastHour.failed > 0 ? "font-semibold text-red-700" : ""}`}>{n(q.lastHour.failed)}</td>
      <td className={cell}>{q.lastHour.perMinute.toLocaleString("en-US", { maximumFractionDigits: 1 })}</td>
      <td className="px-4 py-2 text-right whitespace-nowrap">{formatDuration(q.lastHour.avgDurationMs)}</td>
    </tr>
  );
}

function Workers({ workers, now }: { workers: WorkerInfo[]; now: number | null }) {
  return (
    <div className="border-t border-slate-200 px-4 py-3">
      <h3 className="text-sm font-semibold text-slate-900">
        Live workers <span className="font-normal text-slate-500">({workers.length})</span>
      </h3>
      {workers.length === 0 ? (
        <p className="mt-1 text-sm text-amber-800" data-testid="worker-list" data-count={0}>
          No worker has checked in recently. Queued jobs wait until one starts.
        </p>
      ) : (
        <ul className="mt-2 grid gap-2 sm:grid-cols-2" data-testid="worker-list" data-count={workers.length}>
          {workers.map((w) => {
            const seenMs = now === null ? null : now - Date.parse(w.at);
            const stale = seenMs !== null && seenMs > 30_000;
            return (
              <li key={w.workerId} className="rounded-xl border border-slate-200 p-3" data-testid="worker">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                  <span className="flex min-w-0 items-center gap-2 text-sm font-medium text-slate-900">
                    <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${stale ? "bg-amber-500" : "bg-green-500"}`} />
                    <span className="truncate" title={w.workerId}>
                      {w.host}
                    </span>
                    <span className="shrink-0 text-xs font-normal text-slate-500">pid {w.pid}</span>
                  </span>
                  <time dateTime={w.at} className={`text-xs ${stale ? "text-amber-800" : "text-slate-500"}`}>
                    {seenMs === null ? "" : `last seen ${seenAgo(seenMs)}`}
                  </time>
                </div>
                <ul className="mt-2 flex flex-wrap gap-1" aria-label={`Queues served by ${w.host}`}>
                  {w.queues.map((q) => (
                    <li key={q} className="rounded-full bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-700">
                      {q}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
