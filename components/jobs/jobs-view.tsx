"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useNow } from "@/components/dashboard/updated-ago";
import { ListTable } from "@/components/list-table";
import { appendNew, EmptyList, PagedListBody, useLoadMore, type PagedListView } from "@/components/load-more";
import type { JobStatus } from "@/components/jobs/use-job-status";
import { announceJobFinished, isFinalJobStatus } from "@/components/jobs/use-job-status";
import { postJobCancel, fetchJobs, postJobRetry, type JobItem, type JobPage } from "./job-api";
import { filtersToQuery, isActiveStatus, JOB_STATUSES, JOBS_PAGE_SIZE, jobLabel, jobTypeLabel, JOB_STATUS_LABEL, type JobFilters } from "./filters";
import { JobRow, type JobAction } from "./job-row";
import { QueueMonitor } from "./queue-monitor";
import { PageHeader } from "@/components/page-header";

// The background jobs page: the user's jobs (an admin's: everyone's, or theirs) newest
// first, filtered by status and type (kept in the URL), live while anything runs.
//
// The list is polled every 2 s while a job in it is queued or running, else every 15 s, and
// not while the tab is hidden. A poll re-reads the first page(s) and keeps the older rows
// that "Load more" brought in.

const ACTIVE_POLL_MS = 2000;
const IDLE_POLL_MS = 15_000;
const ERROR_POLL_MS = 15_000;
/** The API's largest page: a poll re-reads at most this many of the newest jobs. */
const MAX_LIMIT = 100;

interface ListState {
  /** The filters (as a query string) this list was loaded for. */
  key: string;
  jobs: JobItem[];
  nextCursor: string | null;
}

interface Props {
  initialPage: JobPage | null;
  initialFilters: JobFilters;
  queueNames: string[];
  isAdmin: boolean;
  viewerId: string;
}

/** Newer first: createdAt desc, then id desc, as the API orders them. */
function isOlder(a: JobItem, b: JobItem): boolean {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

/**
 * A fresh first page merged into the loaded list: rows the page covers are replaced (jobs
 * gone from it were deleted or no longer match), older rows loaded by "Load more" are kept.
 */
function mergeFirstPage(prev: ListState | null, key: string, fresh: JobPage): ListState {
  if (!prev || prev.key !== key || !fresh.nextCursor || fresh.jobs.length === 0) {
    return { key, jobs: fresh.jobs, nextCursor: fresh.nextCursor };
  }
  const last = fresh.jobs[fresh.jobs.length - 1];
  const ids = new Set(fresh.jobs.map((j) => j.id));
  const older = prev.jobs.filter((j) => !ids.has(j.id) && isOlder(j, last));
  return { key, jobs: [...fresh.jobs, ...older], nextCursor: older.length > 0 ? prev.nextCursor : fresh.nextCursor };
}

export function JobsView({ initialPage, initialFilters, queueNames, isAdmin, viewerId }: Props) {
  const router = useRouter();
  const now = useNow();
  const [filters, setFilters] = useState<JobFilters>(initialFilters);
  const key = filtersToQuery(filters);
  const [list, setList] = useState<ListState | null>(initialPage ? { key: filtersToQuery(initialFilters), ...initialPage } : null);
  const [listError, setListError] = useState<{ key: string; message: string } | null>(null);
  const [busy, setBusy] = useState<Record<string, JobAction>>({});
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState("");
  const listRef = useRef<ListState | null>(list);
  const pollNow = useRef<() => void>(() => undefined);
  const seenFinal = useRef<Map<string, JobStatus>>(new Map());

  useEffect(() => {
    listRef.current = list;
  }, [list]);

  // Keep the filters in the URL without a navigation, so a reload shows the same list.
  useEffect(() => {
    const url = `${window.location.pathname}${key ? `?${key}` : ""}`;
    if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(window.history.state, "", url);
  }, [key]);

  const mine = isAdmin ? filters.mine : false;
  const { status, type } = filters;

  // The poll loop; restarts when the filters change.
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seq = 0;
    let waitingForVisible = false;

    const schedule = (ms: number) => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(run, ms);
    };

    async function run() {
      timer = undefined;
      if (document.visibilityState === "hidden") {
        waitingForVisible = true;
        return;
      }
      const current = listRef.current?.key === key ? listRef.current : null;
      const limit = Math.min(MAX_LIMIT, Math.max(JOBS_PAGE_SIZE, current?.jobs.length ?? 0));
      const mineSeq = ++seq;
      const res = await fetchJobs({ status, type, mine, limit });
      if (cancelled || mineSeq !== seq) return;
      if (!res.ok) {
        if (res.status === 401) {
          router.replace("/login");
          return;
        }
        setListError({ key, message: res.message });
        schedule(ERROR_POLL_MS);
        return;
      }
      setListError(null);
      setList((prev) => mergeFirstPage(prev, key, res.data));
      schedule(res.data.jobs.some((j) => isActiveStatus(j.status)) ? ACTIVE_POLL_MS : IDLE_POLL_MS);
    }

    const onVisible = () => {
      if (document.visibilityState === "visible" && waitingForVisible) {
        waitingForVisible = false;
        schedule(0);
      }
    };
    pollNow.current = () => schedule(0);

    const loaded = listRef.current?.key === key ? listRef.current : null;
    if (!loaded) schedule(0);
    else schedule(loaded.jobs.some((j) => isActiveStatus(j.status)) ? ACTIVE_POLL_MS : IDLE_POLL_MS);

    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
      pollNow.current = () => undefined;
    };
  }, [key, status, type, mine, router]);

  const current = list && list.key === key ? list : null;
  const error = listError && listError.key === key ? listError.message : null;

  // A job seen running that is now finished: tell the bell (as a watched job would).
  useEffect(() => {
    if (!current) return;
    for (const job of current.jobs) {
      const before = seenFinal.current.get(job.id);
      if (before && !isFinalJobStatus(before) && isFinalJobStatus(job.status)) announceJobFinished(job);
      seenFinal.current.set(job.id, job.status);
    }
  }, [current]);

  // "Load more" is offered only while the list has a cursor; a page that lands after the
  // filters changed is dropped.
  const more = useLoadMore(
    () => fetchJobs({ status, type, mine, limit: JOBS_PAGE_SIZE, cursor: current?.nextCursor }),
    (page: JobPage) =>
      setList((prev) => {
        if (!prev || prev.key !== key) return prev;
        return { ...prev, jobs: appendNew(prev.jobs, page.jobs, (j) => j.id), nextCursor: page.nextCursor };
      }),
  );
  const { setMoreError } = more;

  const setFilter = useCallback(
    (patch: Partial<JobFilters>) => {
      setFilters((f) => ({ ...f, ...patch }));
      setMoreError(null);
    },
    [setMoreError],
  );

  async function act(job: JobItem, action: JobAction) {
    if (busy[job.id]) return;
    setBusy((b) => ({ ...b, [job.id]: action }));
    setActionErrors(({ [job.id]: _drop, ...rest }) => rest);
    const res = action === "retry" ? await postJobRetry(job.id) : await postJobCancel(job.id);
    setBusy(({ [job.id]: _done, ...rest }) => rest);
    const label = jobLabel(job);
    if (!res.ok) {
      if (res.status === 401) {
        router.replace("/login");
        return;
      }
      setActionErrors((e) => ({
        ...e,
        [job.id]: res.status === 409 ? `Couldn’t ${action} this job: ${res.message}.` : res.message,
      }));
      pollNow.current();
      return;
    }
    const view = res.data;
    setList((prev) => (prev ? { ...prev, jobs: prev.jobs.map((j) => (j.id === view.id ? { ...j, ...view } : j)) } : prev));
    setAnnouncement(
      action === "retry"
        ? `${label} job queued again.`
        : view.status === "cancelled"
          ? `${label} job cancelled.`
          : `${label} job will stop after its current item.`,
    );
    pollNow.current();
  }

  const showUser = isAdmin && !filters.mine;
  const columns = 5 + (showUser ? 1 : 0);
  const filtered = Boolean(filters.status || filters.type);
  const anyActive = current?.jobs.some((j) => isActiveStatus(j.status)) ?? false;
  const jobs = current?.jobs ?? [];
  const listView: PagedListView = {
    listState: current ? "ready" : error ? "error" : "loading",
    items: jobs,
    nextCursor: current?.nextCursor ?? null,
    retry: () => pollNow.current(),
    ...more,
  };

  return (
    <div className="space-y-6">
      <PageHeader title="Background jobs" description="Summaries, imports and categorization run in the background. Follow their progress and logs here." />

      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>

      <section aria-labelledby="jobs-heading" className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
        <div className="space-y-3 border-b border-slate-200 px-4 py-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="jobs-heading" className="text-base font-semibold text-slate-900">
              {showUser ? "All jobs" : "Your jobs"}
            </h2>
            {current ? (
              <p className="flex items-center gap-1.5 text-xs text-slate-500" data-testid="jobs-live">
                <span aria-hidden="true" className={`h-2 w-2 rounded-full ${anyActive ? "animate-pulse bg-green-500" : "bg-slate-300"}`} />
                {anyActive ? "Live: updates every 2 s" : "Updates every 15 s"}
              </p>
            ) : null}
          </div>
          <Filters filters={filters} queueNames={queueNames} isAdmin={isAdmin} onChange={setFilter} />
        </div>

        <PagedListBody
          list={listView}
          what="jobs"
          reason={error}
          empty={
            <EmptyList
              testId="jobs-empty"
              title={filtered ? "No jobs match these filters" : "No background jobs yet"}
              action={
                filtered ? (
                  <button
                    type="button"
                    onClick={() => setFilter({ status: null, type: null })}
                    className="mt-3 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
                  >
                    Clear filters
                  </button>
                ) : null
              }
            >
              {filtered ? "Try another status or type." : "Jobs appear here when you add transactions, import a file or categorize."}
            </EmptyList>
          }
        >
          {error ? (
            <p role="alert" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              Couldn&apos;t refresh the list ({error}); showing what was loaded last.
            </p>
          ) : null}
          <ListTable
            testId="jobs-table"
            caption={`${showUser ? "Background jobs of all users" : "Your background jobs"}, newest first. Expand a job for details and its log.`}
            columns={[
              { label: "Job", className: "px-3 py-2 sm:px-4" },
              { label: "Status", className: "hidden px-4 py-2 sm:table-cell" },
              { label: "Progress", className: "hidden px-4 py-2 sm:table-cell" },
              showUser ? { label: "User", className: "hidden px-4 py-2 md:table-cell" } : null,
              { label: "Created", className: "hidden px-4 py-2 md:table-cell" },
              { label: "Actions", className: "px-2 py-2 text-right sm:px-4", srOnly: true },
            ]}
          >
            {jobs.map((job) => (
              <JobRow
                key={job.id}
                job={job}
                showUser={showUser}
                viewerId={viewerId}
                now={now}
                columns={columns}
                busy={busy[job.id] ?? null}
                actionError={actionErrors[job.id] ?? null}
                onAction={(j, a) => void act(j, a)}
                onDismissError={(j) => setActionErrors(({ [j.id]: _drop, ...rest }) => rest)}
              />
            ))}
          </ListTable>
        </PagedListBody>
      </section>

      {isAdmin ? <QueueMonitor /> : null}
    </div>
  );
}

function Filters({
  filters,
  queueNames,
  isAdmin,
  onChange,
}: {
  filters: JobFilters;
  queueNames: string[];
  isAdmin: boolean;
  onChange: (patch: Partial<JobFilters>) => void;
}) {
  const uid = useId();
  const selectClass =
    "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 focus-visible:outline-none sm:text-sm";
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter jobs">
      <div className="min-w-[9rem] flex-1 sm:flex-none">
        <label htmlFor={`${uid}-status`} className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select
          id={`${uid}-status`}
          value={filters.status ?? ""}
          onChange={(e) => onChange({ status: (e.target.value || null) as JobStatus | null })}
          className={selectClass}
          data-testid="jobs-filter-status"
        >
          <option value="">All statuses</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {JOB_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="min-w-[9rem] flex-1 sm:flex-none">
        <label htmlFor={`${uid}-type`} className="block text-sm font-medium text-slate-700">
          Type
        </label>
        <select
          id={`${uid}-type`}
          value={filters.type ?? ""}
          onChange={(e) => onChange({ type: e.target.value || null })}
          className={selectClass}
          data-testid="jobs-filter-type"
        >
          <option value="">All types</option>
          {queueNames.map((q) => (
            <option key={q} value={q}>
              {jobTypeLabel(q)}
            </option>
          ))}
        </select>
      </div>
      {isAdmin ? (
        <fieldset>
          <legend className="block text-sm font-medium text-slate-700">Whose jobs</legend>
          <div className="mt-1 grid grid-cols-2 rounded-lg border border-slate-300 bg-slate-50 p-0.5" data-testid="jobs-scope">
            <ScopeOption name={`${uid}-scope`} checked={!filters.mine} onChange={() => onChange({ mine: false })}>
              All users
            </ScopeOption>
            <ScopeOption name={`${uid}-scope`} checked={filters.mine} onChange={() => onChange({ mine: true })}>
              Mine
            </ScopeOption>
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}

function ScopeOption({ name, checked, onChange, children }: { name: string; checked: boolean; onChange: () => void; children: ReactNode }) {
  return (
    <label
      className={`flex cursor-pointer items-center justify-center whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600 ${
        checked ? "bg-white text-indigo-700 shadow-sm" : "text-slate-600 hover:text-slate-900"
      }`}
    >
      <input type="radio" name={name} checked={checked} onChange={onChange} className="sr-only" />
      {children}
    </label>
  );
}
