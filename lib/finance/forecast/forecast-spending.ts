import { dayOf, dayToIso, weekdayOf } from "../insights/calendar";
import { formatAmount } from "../money";
import { DEFAULT_BACKTEST, intervalFor, selectModel, type BacktestOptions, type Interval, type ModelScore, type SeriesStart } from "./backtest";
import { modelByName, type ModelName } from "./models";

// The user's spending forecast from their daily spending: the total and the top categories,
// each with its own model chosen by backtest, expected totals at a few horizons and an
// interval from the backtest residuals. Pure: the job feeds it aggregates from SQL.

export const MIN_HISTORY_DAYS = 60;
export const TOP_CATEGORIES = 5;
export const INTERVAL_LEVEL = 0.8;
/** The horizons shown as numbers; the chart uses all of DEFAULT_BACKTEST.horizons. */
export const HEADLINE_HORIZONS = [30, 90] as const;

export interface DailySpendRow {
  /** "YYYY-MM-DD" */
  date: string;
  categoryId: string | null;
  category: string;
  /** Money out that day in the category, positive cents. */
  spentMinor: bigint;
}

export interface ForecastInput {
  rows: readonly DailySpendRow[];
  /** The first day of the user's data ("YYYY-MM-DD"). */
  firstDay: string;
  /** The first forecast day; the history ends the day before. */
  today: string;
  level?: number;
  backtest?: BacktestOptions;
}

export interface HorizonForecast {
  days: number;
  expected: string;
  lower: string;
  upper: string;
  intervalSource: Interval["source"];
}

export interface ModelError {
  model: ModelName;
  label: string;
  baseline: boolean;
  /** Mean WAPE over the 30/90-day horizons (0.12 = 12 %); null when it could not be scored. */
  score: number | null;
  byHorizon: { days: number; origins: number; mae: string; wape: number | null }[];
}

export interface SeriesForecast {
  model: ModelName;
  modelLabel: string;
  horizons: HorizonForecast[];
  /** Every model's backtest error, chosen one included; baselines first. */
  errors: ModelError[];
  /** What the last 30 days actually cost, for comparison. */
  last30Days: string;
}

export interface CategoryForecast extends SeriesForecast {
  categoryId: string | null;
  name: string;
}

export interface ForecastData {
  /** The first forecast day. */
  from: string;
  historyDays: number;
  intervalLevel: number;
  total: SeriesForecast;
  categories: CategoryForecast[];
}

export type ForecastOutcome =
  | { ok: true; data: ForecastData }
  | { ok: false; reason: "not_enough_history"; historyDays: number; message: string };

const money = (cents: number) => formatAmount(BigInt(Math.round(cents)));

export function forecastSeries(series: readonly number[], start: SeriesStart, level: number, options: BacktestOptions): SeriesForecast {
  const { chosen, scores } = selectModel(series, start, options);
  const fitted = modelByName(chosen.model).fit(series, start.firstWeekday, start.firstDay);
  const horizons = options.horizons.map((days): HorizonForecast => {
    const expected = fitted.total(days);
    const interval = intervalFor(chosen, days, expected, level, options, fitted.fixedBills?.(days));
    return { days, expected: money(expected), lower: money(interval.lower), upper: money(interval.upper), intervalSource: interval.source };
  });
  const n = series.length;
  let last30 = 0;
  for (let t = Math.max(0, n - 30); t < n; t++) last30 += series[t];
  return {
    model: chosen.model,
    modelLabel: modelByName(chosen.model).label,
    horizons,
    errors: scores.map((s) => modelError(s, options)),
    last30Days: money(last30),
  };
}

function modelError(s: ModelScore, options: BacktestOptions): ModelError {
  const model = modelByName(s.model);
  return {
    model: s.model,
    label: model.label,
    baseline: model.baseline,
    score: s.score === null ? null : Math.round(s.score * 10_000) / 10_000,
    byHorizon: s.byHorizon
      .filter((h) => options.selectOn.includes(h.horizon))
      .map((h) => ({ days: h.horizon, origins: h.origins, mae: money(h.mae), wape: h.wape === null ? null : Math.round(h.wape * 10_000) / 10_000 })),
  };
}

export function forecastSpending(input: ForecastInput): ForecastOutcome {
  const level = input.level ?? INTERVAL_LEVEL;
  const options = input.backtest ?? DEFAULT_BACKTEST;
  const start = dayOf(input.firstDay);
  const end = dayOf(input.today);
  const n = end - start;
  if (n < MIN_HISTORY_DAYS) {
    return {
      ok: false,
      reason: "not_enough_history",
      historyDays: Math.max(0, n),
      message: `A forecast needs at least ${MIN_HISTORY_DAYS} days of transactions; you have ${Math.max(0, n)}.`,
    };
  }

  const total = new Array<number>(n).fill(0);
  const byCategory = new Map<string, { categoryId: string | null; name: string; series: number[]; recent: bigint }>();
  for (const row of input.rows) {
    const t = dayOf(row.date) - start;
    if (t < 0 || t >= n) continue;
    const cents = Number(row.spentMinor);
    total[t] += cents;
    const key = row.categoryId ?? `name:${row.category}`;
    let entry = byCategory.get(key);
    if (!entry) {
      entry = { categoryId: row.categoryId, name: row.category, series: new Array<number>(n).fill(0), recent: 0n };
      byCategory.set(key, entry);
    }
    entry.series[t] += cents;
    if (t >= n - 90) entry.recent += row.spentMinor;
  }

  const seriesStart: SeriesStart = { firstWeekday: weekdayOf(start), firstDay: start };
  const top = [...byCategory.values()]
    .filter((c) => c.recent > 0n)
    .sort((a, b) => (b.recent > a.recent ? 1 : b.recent < a.recent ? -1 : a.name.localeCompare(b.name)))
    .slice(0, TOP_CATEGORIES);
  return {
    ok: true,
    data: {
      from: dayToIso(end),
      historyDays: n,
      intervalLevel: level,
      total: forecastSeries(total, seriesStart, level, options),
      categories: top.map((c) => ({ categoryId: c.categoryId, name: c.name, ...forecastSeries(c.series, seriesStart, level, options) })),
    },
  };
}
