"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { formatDayLabel, formatMoney, toMinor } from "@/components/dashboard/dashboard-format";
import { JobProgress } from "@/components/job-progress";
import type { ForecastData, ModelError, SeriesForecast } from "@/lib/finance/forecast/forecast-spending";
import type { ForecastStatus } from "@/lib/forecast/forecasts";
import { ForecastChart } from "./forecast-chart";

// The dashboard's forecast: expected spending for the next 30 and 90 days with the interval,
// the chart with its band, the top categories, and which model won the backtest (in words).
// "Refresh forecast" asks for a new one; the answer is the stored one when it is still
// valid, else a job whose progress shows here until the new forecast loads.

async function loadStatus(): Promise<ForecastStatus | null> {
  try {
    const res = await fetch("/api/forecast", { cache: "no-store", headers: { accept: "application/json" } });
    return res.ok ? ((await res.json()) as ForecastStatus) : null;
  } catch {
    return null;
  }
}

export function ForecastPanel({ initialStatus }: { initialStatus: ForecastStatus | null }) {
  const [state, setState] = useState<ForecastStatus | null>(initialStatus);
  const [jobId, setJobId] = useState<string | null>(initialStatus?.status === "computing" ? (initialStatus.jobId ?? null) : null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const reload = useCallback(
    () =>
      loadStatus().then((next) => {
        if (!next) return;
        setState(next);
        setJobId(next.status === "computing" ? (next.jobId ?? null) : null);
      }),
    [],
  );

  useEffect(() => {
    if (initialStatus === null) void reload();
  }, [initialStatus, reload]);

  const refresh = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const res = await fetch("/api/forecast", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({}) });
      const body = (await res.json().catch(() => ({}))) as { jobId?: string; fresh?: boolean; message?: string };
      if (res.status === 202 && body.jobId) setJobId(body.jobId);
      else if (res.ok && body.fresh) setNotice("Your forecast is up to date: nothing has changed since it was computed.");
      else setNotice(body.message ?? `Couldn't refresh the forecast (HTTP ${res.status}).`);
    } catch {
      setNotice("Couldn't reach the server. Please try again.");
    } finally {
      setBusy(false);
    }
  };

  const forecast = state?.forecast ?? null;
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId} data-testid="forecast">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            Spending forecast
          </h2>
          {forecast ? (
            <p className="mt-0.5 text-xs text-slate-500">
              From {formatDayLabel(forecast.data.from)} · computed {new Date(forecast.computedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={busy || jobId !== null}
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
        >
          Refresh forecast
        </button>
      </div>

      {jobId ? (
        <div className="mt-3" data-testid="forecast-computing">
          <JobProgress jobId={jobId} label="Computing your forecast" onDone={() => void reload()} />
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="mt-3 rounded-lg bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="forecast-notice">
          {notice}
        </p>
      ) : null}
      {forecast && state?.outdated && !jobId ? (
        <p className="mt-3 text-sm text-amber-800">Your transactions changed since this forecast was computed; refresh it to include them.</p>
      ) : null}

      {forecast ? (
        <ForecastBody data={forecast.data} />
      ) : !jobId ? (
        <p className="mt-4 text-sm text-slate-600" data-testid="forecast-empty">
          {state?.message ?? "No forecast yet. Forecasts are computed every Sunday, or now with Refresh forecast."}
        </p>
      ) : null}
    </section>
  );
}

function ForecastBody({ data }: { data: ForecastData }) {
  const level = `${Math.round(data.intervalLevel * 100)}%`;
  const at = (s: SeriesForecast, days: number) => s.horizons.find((h) => h.days === days);
  return (
    <div className="mt-4 space-y-5">
      <div className="grid gap-3 sm:grid-cols-2">
        {[30, 90].map((days) => {
          const h = at(data.total, days);
          return h ? (
            <div key={days} className="rounded-xl bg-slate-50 p-4" data-testid={`forecast-total-${days}`}>
              <p className="text-sm text-slate-600">Next {days} days</p>
              <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{formatMoney(h.expected)}</p>
              <p className="mt-1 text-xs text-slate-500 tabular-nums">
                {level} range {formatMoney(h.lower)} – {formatMoney(h.upper)}
              </p>
            </div>
          ) : null;
        })}
      </div>

      <ForecastChart horizons={data.total.horizons} level={data.intervalLevel} />
      <p className="text-sm text-slate-600" data-testid="forecast-model">
        {modelInWords(data.total, data.historyDays)}
      </p>

      {data.categories.length ? (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Top categories</h3>
          <table className="w-full text-sm" data-testid="forecast-categories">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th className="py-1 font-medium">Category</th>
                <th className="py-1 text-right font-medium">Next 30 days ({level} range)</th>
                <th className="hidden py-1 text-right font-medium sm:table-cell">Next 90 days ({level} range)</th>
              </tr>
            </thead>
            <tbody>
              {byExpected30(data.categories).map((c) => (
                <tr key={c.categoryId ?? c.name} className="border-t border-slate-100" title={`Model: ${c.modelLabel}`}>
                  <td className="py-1.5 text-slate-800">{c.name}</td>
                  <td className="py-1.5 text-right tabular-nums">{rangeText(at(c, 30))}</td>
                  <td className="hidden py-1.5 text-right tabular-nums sm:table-cell">{rangeText(at(c, 90))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** The categories as the table lists them: the most expected over the next 30 days first. */
function byExpected30<C extends SeriesForecast>(categories: C[]): C[] {
  const expected = (c: C) => toMinor(c.horizons.find((h) => h.days === 30)?.expected ?? "0");
  return [...categories].sort((a, b) => Number(expected(b) - expected(a)));
}

function rangeText(h: SeriesForecast["horizons"][number] | undefined) {
  if (!h) return "—";
  return (
    <>
      <span className="font-medium text-slate-900">{formatMoney(h.expected)}</span>{" "}
      <span className="text-xs text-slate-500">
        ({formatMoney(h.lower)} – {formatMoney(h.upper)})
      </span>
    </>
  );
}

const percent = (v: number | null) => (v === null ? "n/a" : `${(v * 100).toFixed(1)}%`);

/** The chosen model and its backtest error next to the baselines', in words. */
function modelInWords(s: SeriesForecast, historyDays: number): string {
  const chosen = s.errors.find((e) => e.model === s.model);
  const origins = chosen?.byHorizon.find((h) => h.days === 30)?.origins ?? 0;
  const baselines = s.errors.filter((e: ModelError) => e.baseline && e.model !== s.model);
  const against = baselines.map((b) => `${b.label.split(" (")[0]} ${percent(b.score)}`).join(", ");
  return (
    `Model: ${s.modelLabel}. It had the smallest backtest error on your ${historyDays} days of history: ` +
    `its 30- and 90-day totals were off by ${percent(chosen?.score ?? null)} on average` +
    (origins ? ` (${origins} cut-off days tested)` : "") +
    (against ? `, against ${against} for the simple baselines.` : ".")
  );
}
