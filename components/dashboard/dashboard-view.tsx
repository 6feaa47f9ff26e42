"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { ForecastPanel } from "@/components/forecast/forecast-panel";
import type { Budget } from "@/components/budgets/budget-api";
import { InsightCards } from "@/components/insights/insight-cards";
import { JobProgressView } from "@/components/job-progress";
import type { ForecastStatus } from "@/lib/forecast/forecasts";
import type { InsightView } from "@/lib/insights/insights";
import { announceJobFinished, isFinalJobStatus, useJobStatus } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";
import type { SummaryView } from "@/lib/summary/get-summary";
import { BudgetsPanel } from "./budgets-panel";
import { CategorySpend } from "./category-spend";
import { monthLong } from "./dashboard-format";
import { MonthlyChart } from "./monthly-chart";
import { OtherCurrencyTotals, PeriodCard } from "./summary-cards";
import { shiftMonth } from "./transactions-link";
import { COUNTING_RULE_TEXT } from "@/lib/finance/countable";
import { UpdatedAgo } from "./updated-ago";
import { LoadFailed } from "@/components/load-failed";

// The dashboard. Starts from the summary the server rendered (or loads it), and while a
// recompute is under way polls that job; when the job ends it reloads the summary and, if
// another recompute is already queued, follows the new job. No manual reload needed.

type LoadResult = SummaryView | null;

type SummaryOutcome = { kind: "ok"; summary: SummaryView } | { kind: "unauthorized" } | { kind: "error" };

async function requestSummary(month: string | null): Promise<SummaryOutcome> {
  try {
    const res = await fetch(month ? `/api/summary?month=${encodeURIComponent(month)}` : "/api/summary", { cache: "no-store", headers: { accept: "application/json" } });
    if (res.status === 401) return { kind: "unauthorized" };
    if (!res.ok) return { kind: "error" };
    return { kind: "ok", summary: (await res.json()) as SummaryView };
  } catch {
    return { kind: "error" };
  }
}

export function DashboardView({
  initialSummary,
  initialInsights = null,
  initialForecast = null,
  budgets = null,
  month = null,
}: {
  initialSummary: SummaryView | null;
  /** The picked month (?month=YYYY-MM); null for the current one. */
  month?: string | null;
  initialInsights?: InsightView[] | null;
  initialForecast?: ForecastStatus | null;
  budgets?: Budget[] | null;
}) {
  const router = useRouter();
  const [summary, setSummary] = useState<SummaryView | null>(initialSummary);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(initialSummary === null);
  const seq = useRef(0);
  const handledJob = useRef<string | null>(null);

  const refresh = useCallback((): Promise<LoadResult> => {
    const mine = ++seq.current;
    // State is set in the callback only, and only for the latest request.
    return requestSummary(month).then((outcome) => {
      if (mine !== seq.current) return null;
      setLoading(false);
      if (outcome.kind === "unauthorized") {
        router.replace("/login");
        return null;
      }
      if (outcome.kind === "error") {
        setLoadError("We couldn't load your summary. It will retry when you come back to this tab.");
        return null;
      }
      setSummary(outcome.summary);
      setLoadError(null);
      return outcome.summary;
    });
  }, [router, month]);

  // No server-rendered summary (e.g. the database was briefly unreachable): load it here.
  useEffect(() => {
    if (initialSummary === null) void refresh();
  }, [initialSummary, refresh]);

  // Coming back to the tab: the data may have changed elsewhere.
  useEffect(() => {
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [refresh]);

  const trackedJobId = summary?.status === "updating" ? (summary.jobId ?? null) : null;
  const job = useJobStatus(trackedJobId);

  const onJobFinished = useCallback(
    async (finished: JobView) => {
      announceJobFinished(finished);
      // Reload. If that fails, or the summary still names this (finished) job, ask again
      // shortly; a new jobId in the answer is followed by useJobStatus above.
      for (let attempt = 0; attempt < 5; attempt++) {
        const next = await refresh();
        if (next && (next.status !== "updating" || next.jobId !== finished.id)) return;
        await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt + 1)));
      }
    },
    [refresh],
  );

  useEffect(() => {
    const finished = job.job;
    if (!finished || finished.id !== trackedJobId || !isFinalJobStatus(finished.status)) return;
    if (handledJob.current === finished.id) return;
    handledJob.current = finished.id;
    void onJobFinished(finished);
  }, [job.job, trackedJobId, onJobFinished]);

  if (summary === null) {
    return (
      <div className="space-y-6">
        <PageHeader />
        {loading ? (
          <div className="rounded-2xl border border-slate-200 bg-white p-8 text-center text-sm text-slate-500" role="status">
            Loading your summary…
          </div>
        ) : (
          <LoadFailed
            message={loadError ?? "We couldn't load your summary."}
            onRetry={() => {
              setLoading(true);
              void refresh();
            }}
            className="rounded-2xl border border-red-200 bg-red-50 p-6 text-sm text-red-800"
          />
        )}
      </div>
    );
  }

  const updating = summary.status === "updating";
  const firstRun = summary.computedAt === null;
  // The server says why the last recompute failed; the figures shown are the last good ones.
  const failure = updating ? null : summary.failure;
  const empty = !updating && summary.transactionCount === 0 && !(firstRun && failure);
  const selected = summary.selected;
  const isCurrent = selected.month === summary.currentMonth.month;

  return (
    <div className="space-y-6">
      <PageHeader summary={summary} />

      {updating ? (
        <div
          data-testid="summary-updating"
          role="status"
          className="rounded-2xl border border-indigo-200 bg-indigo-50 px-4 py-3 sm:px-5"
        >
          <p className="text-sm font-medium text-indigo-900">Updating your summary…</p>
          <JobProgressView
            className="mt-2"
            status={job.status}
            progress={job.progress}
            message={job.message}
            result={job.result}
            error={job.status === "failed" ? job.error : null}
          />
        </div>
      ) : null}

      {failure ? (
        <div
          role="alert"
          data-testid="summary-failure"
          className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          <span>
            <span className="font-medium">Could not update your summary:</span> {failure.error.replace(/\.$/, "")}.{" "}
            {firstRun ? "No summary could be computed yet." : "The figures below are the last good ones."}
          </span>
          <button
            type="button"
            onClick={() => void refresh()}
            className="rounded-lg border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100"
          >
            Check again
          </button>
        </div>
      ) : null}

      {loadError ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          {loadError}
        </p>
      ) : null}

      {empty ? (
        <EmptyState />
      ) : firstRun && failure ? null : firstRun ? (
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          Your first summary is being put together. The figures appear here as soon as it is ready.
        </div>
      ) : (
        <>
          <MonthSwitcher current={summary.currentMonth.month} selected={selected.month} />
          <div className="grid gap-4 md:grid-cols-2">
            <PeriodCard
              testId="card-current-month"
              title={isCurrent ? "This month" : monthLong(selected.month)}
              period={isCurrent ? monthLong(selected.month) : "Picked month"}
              totals={selected.totals}
            >
              <OtherCurrencyTotals others={selected.otherCurrencies} />
            </PeriodCard>
            <PeriodCard
              testId="card-last-12-months"
              title="Last 12 months"
              period={`${monthLong(summary.last12Months.from)} – ${monthLong(summary.last12Months.to)}`}
              totals={summary.last12Months}
            >
              <OtherCurrencyTotals others={summary.otherCurrencies.map((o) => ({ currency: o.currency, totals: o.last12Months }))} />
            </PeriodCard>
          </div>
          <p className="-mt-2 text-sm text-slate-600" data-testid="counting-rule">
            {COUNTING_RULE_TEXT}
            {summary.otherCurrencies.length > 0 ? ` Figures are in ${summary.currency}; other currencies are shown apart, never added.` : ""}
          </p>

          <BudgetsPanel budgets={budgets} />

          <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="monthly-chart-title">
            <h2 id="monthly-chart-title" className="mb-3 text-base font-semibold text-slate-900">
              Income and expenses by month
            </h2>
            <MonthlyChart months={summary.months} selectedMonth={selected.month} />
          </section>

          <CategorySpend
            key={selected.month}
            currentLabel={isCurrent ? "This month" : monthLong(selected.month)}
            categories={{
              currentMonth: { first: selected.month, last: selected.month, rows: selected.categories },
              last12Months: { first: summary.last12Months.from, last: summary.last12Months.to, rows: summary.categories.last12Months },
            }}
          />

          <InsightCards initialInsights={initialInsights} />
          <ForecastPanel initialStatus={initialForecast} />
        </>
      )}
    </div>
  );
}

function PageHeader({ summary }: { summary?: SummaryView }) {
  const count = summary?.transactionCount;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Dashboard</h1>
        {summary ? (
          <p className="mt-1 flex flex-col gap-x-2 text-sm text-slate-600 sm:flex-row sm:flex-wrap">
            <UpdatedAgo computedAt={summary.computedAt} />
            {count !== undefined ? (
              <>
                <span aria-hidden="true" className="hidden sm:inline">
                  ·
                </span>
                <span data-testid="transaction-count">
                  <span className="tabular-nums">{count.toLocaleString("en-US")}</span> transaction{count === 1 ? "" : "s"} in total
                </span>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <Link
          href="/dashboard/imports"
          className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
        >
          Import a statement
        </Link>
        <Link
          href="/dashboard/transactions#add-transaction"
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
        >
          Add transaction
        </Link>
      </div>
    </div>
  );
}

function EmptyState() {
  return (
    <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="dashboard-empty">
      <svg viewBox="0 0 48 48" className="mx-auto h-12 w-12 text-slate-300" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
        <rect x="6" y="10" width="36" height="28" rx="4" />
        <path d="M6 18h36M14 28h8M14 32h14" strokeLinecap="round" />
      </svg>
      <h2 className="mt-4 text-lg font-semibold text-slate-900">No transactions yet</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Import a statement from your bank (CSV, OFX, QIF, CAMT.053 or MT940) or add an income or expense by hand; your monthly
        totals, savings rate, budgets and spending by category will show up here.
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-3">
        <Link
          href="/dashboard/imports"
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
        >
          Import a bank statement
        </Link>
        <Link
          href="/dashboard/transactions#add-transaction"
          className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
        >
          Add a transaction
        </Link>
      </div>
    </div>
  );
}

/** Previous / next month (the URL's ?month=), and back to this month. */
function MonthSwitcher({ current, selected }: { current: string; selected: string }) {
  const href = (month: string) => (month === current ? "/dashboard" : `/dashboard?month=${month}`);
  const previous = shiftMonth(selected, -1);
  const next = shiftMonth(selected, 1);
  const linkClass = "rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";
  return (
    <nav aria-label="Month" className="flex flex-wrap items-center gap-2 text-sm" data-testid="month-switcher">
      <Link href={href(previous)} className={linkClass} aria-label={`Previous month, ${monthLong(previous)}`} data-testid="month-previous">
        ← {monthLong(previous)}
      </Link>
      <span className="rounded-md bg-white px-3 py-1.5 font-semibold text-slate-900 shadow-sm ring-1 ring-slate-200" aria-current="date">
        {monthLong(selected)}
      </span>
      {selected < current ? (
        <Link href={href(next)} className={linkClass} aria-label={`Next month, ${monthLong(next)}`} data-testid="month-next">
          {monthLong(next)} →
        </Link>
      ) : null}
      {selected !== current ? (
        <Link href="/dashboard" className="ml-auto rounded-md px-3 py-1.5 font-medium text-indigo-700 hover:bg-indigo-50" data-testid="month-current">
          Back to this month
        </Link>
      ) : null}
    </nav>
  );
}
