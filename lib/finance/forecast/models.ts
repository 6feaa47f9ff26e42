// Forecast models for a daily spending series. Each one is fitted on the history alone and
// answers one question: the expected total of the next `horizon` days. Totals, not daily
// values, are what a person plans with ("about $3,400 in the next 30 days"), and what the
// backtest scores.
//
// Statistics run on JS numbers (cents as floats): a forecast is an estimate, and its output
// is rounded to whole cents before it is stored. Observed money stays bigint elsewhere.

import { findFixedBills, type BillRange } from "./fixed-bills";

export const MODEL_NAMES = [
  "last_period",
  "moving_average",
  "seasonal_naive_weekly",
  "dow_level",
  "dow_trend",
  "holt_weekly",
  "fixed_bills",
] as const;

export type ModelName = (typeof MODEL_NAMES)[number];

export interface FittedModel {
  /** Expected total of the `horizon` days that follow the history. */
  total(horizon: number): number;
  /**
   * The fixed bills in that total, from the calendar: their expected sum and plausible range,
   * and whether they are all there is (then the range is the interval).
   */
  fixedBills?(horizon: number): FixedBillsForecast;
}

export interface FixedBillsForecast extends BillRange {
  only: boolean;
}

export interface ForecastModel {
  name: ModelName;
  /** A naive baseline: a candidate must beat these on the backtest to be chosen. */
  baseline: boolean;
  /** In words, for the dashboard. */
  label: string;
  /**
   * `history[0]` falls on weekday `firstWeekday` (0 Sunday … 6 Saturday) and, when known, on
   * day number `firstDay` (days since 1970-01-01): the calendar, for day-of-month payments.
   */
  fit(history: readonly number[], firstWeekday: number, firstDay?: number): FittedModel;
}

const MOVING_AVERAGE_DAYS = 28;
/** Day-of-week profile and level window: 13 weeks, about three months of fixed bills. */
const PROFILE_DAYS = 91;
const TREND_WEEKS = 26;
const HOLT_WEEKS = 52;
/** Trend damping per week: a trend fades out instead of running away over 90 days. */
const DAMPING = 0.9;
/** A trend needs this many weeks; on fewer, one month's bills would pass for a trend. */
const MIN_TREND_WEEKS = 8;

function sum(values: readonly number[], from = 0, to = values.length): number {
  let total = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) total += values[i];
  return total;
}

function mean(values: readonly number[], from = 0, to = values.length): number {
  const a = Math.max(0, from);
  const b = Math.min(to, values.length);
  return b > a ? sum(values, a, b) / (b - a) : 0;
}

/** Multiplicative day-of-week factors (averaging 1) over the last whole weeks, up to `days`. */
export function weekdayFactors(history: readonly number[], firstWeekday: number, days = PROFILE_DAYS): number[] {
  const n = history.length;
  const window = Math.min(days, Math.floor(n / 7) * 7);
  if (window < 7) return [1, 1, 1, 1, 1, 1, 1];
  const totals = new Array<number>(7).fill(0);
  for (let t = n - window; t < n; t++) totals[(firstWeekday + t) % 7] += history[t];
  const overall = totals.reduce((a, b) => a + b, 0) / 7;
  return overall > 0 ? totals.map((v) => v / overall) : [1, 1, 1, 1, 1, 1, 1];
}

/** Totals of the last `maxWeeks` whole weeks that end with the history, oldest first. */
function weeklyTotals(history: readonly number[], maxWeeks: number): number[] {
  const n = history.length;
  const weeks = Math.min(maxWeeks, Math.floor(n / 7));
  const totals: number[] = [];
  for (let k = weeks; k >= 1; k--) totals.push(sum(history, n - 7 * k, n - 7 * (k - 1)));
  return totals;
}

/** φ + φ² + … + φ^m for a real m ≥ 0: the damped trend's multiplier m weeks ahead. */
function dampedSteps(m: number, phi = DAMPING): number {
  return (phi * (1 - phi ** m)) / (1 - phi);
}

/** Sums `daily(i) × factor[weekday of day i]` over the horizon (daily ≥ 0). */
function profiled(n: number, firstWeekday: number, factors: number[], horizon: number, daily: (i: number) => number): number {
  let total = 0;
  for (let i = 0; i < horizon; i++) total += Math.max(0, daily(i)) * factors[(firstWeekday + n + i) % 7];
  return total;
}

/** Naive: the next H days repeat the last H days. */
const lastPeriod: ForecastModel = {
  name: "last_period",
  baseline: true,
  label: "last period (the next days repeat the last ones)",
  fit(history) {
    const n = history.length;
    return { total: (h) => (n >= h ? sum(history, n - h, n) : mean(history) * h) };
  },
};

/** Naive: the average day of the last four weeks. */
const movingAverage: ForecastModel = {
  name: "moving_average",
  baseline: true,
  label: `moving average of the last ${MOVING_AVERAGE_DAYS} days`,
  fit(history) {
    const n = history.length;
    const daily = mean(history, n - MOVING_AVERAGE_DAYS, n);
    return { total: (h) => daily * h };
  },
};

/** Naive: every coming week repeats the last week, day by day. */
const seasonalNaiveWeekly: ForecastModel = {
  name: "seasonal_naive_weekly",
  baseline: true,
  label: "seasonal naive (every week repeats the last one)",
  fit(history) {
    const n = history.length;
    if (n < 7) return lastPeriod.fit(history, 0);
    return {
      total(h) {
        let total = 0;
        for (let i = 0; i < h; i++) total += history[n - 7 + (i % 7)];
        return total;
      },
    };
  },
};

/** Level (mean day of the last 13 weeks) × day-of-week profile; no trend. */
const dowLevel: ForecastModel = {
  name: "dow_level",
  baseline: false,
  label: "day-of-week × level (last 13 weeks)",
  fit(history, firstWeekday) {
    const n = history.length;
    const window = Math.max(Math.min(PROFILE_DAYS, Math.floor(n / 7) * 7), Math.min(n, 7));
    const level = mean(history, n - window, n);
    const factors = weekdayFactors(history, firstWeekday);
    return { total: (h) => profiled(n, firstWeekday, factors, h, () => level) };
  },
};

/**
 * Ordinary spending without its outliers: days above twice the window's 90th percentile
 * (rent, a fixed bill, a one-off purchase) are capped there. Trends are measured on this, so
 * a month's bills falling into one week or another do not pass for a trend.
 */
export function capOutliers(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const q90 = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0;
  if (q90 <= 0) return [...values];
  return values.map((v) => Math.min(v, 2 * q90));
}

/**
 * A trend model's fit over the last whole weeks of the history (at most `maxWeeks`), handed
 * their length in days; with fewer than MIN_TREND_WEEKS there is no trend to measure and the
 * forecast is day-of-week × level.
 */
function trendFit(maxWeeks: number, fit: (history: readonly number[], firstWeekday: number, days: number) => FittedModel): ForecastModel["fit"] {
  return (history, firstWeekday) => {
    const days = Math.min(maxWeeks * 7, Math.floor(history.length / 7) * 7);
    return days < MIN_TREND_WEEKS * 7 ? dowLevel.fit(history, firstWeekday) : fit(history, firstWeekday, days);
  };
}

/**
 * Day-of-week × level (last 13 weeks) × a linear trend, measured as the relative slope of
 * the capped daily spending over the last 26 weeks and extrapolated from the middle of the
 * level window; the slope is shrunk by its standard error and the multiplier bounded (×0.5 to ×2),
 * so a noisy slope cannot run away.
 */
const dowTrend: ForecastModel = {
  name: "dow_trend",
  baseline: false,
  label: "day-of-week × level with a trend (last 26 weeks)",
  fit: trendFit(TREND_WEEKS, (history, firstWeekday, window) => {
    const n = history.length;
    const capped = capOutliers(history.slice(n - window));
    const tMean = (window - 1) / 2;
    const yMean = mean(capped);
    let sxy = 0;
    let sxx = 0;
    capped.forEach((v, t) => {
      sxy += (t - tMean) * (v - yMean);
      sxx += (t - tMean) ** 2;
    });
    const slope = sxy / sxx;
    // Shrink the slope by its own precision (positive-part James–Stein, 1 − 1/t²): a slope
    // within its noise counts for nothing, a clear one almost fully.
    let sse = 0;
    capped.forEach((v, t) => {
      sse += (v - yMean - slope * (t - tMean)) ** 2;
    });
    const se2 = sse / (window - 2) / sxx;
    const shrink = slope !== 0 ? Math.max(0, 1 - se2 / slope ** 2) : 0;
    // The trend applies to ordinary spending; the capped-off part (bills) stays at its rate.
    const levelDays = Math.min(PROFILE_DAYS, window);
    const ordinary = mean(capped, window - levelDays, window);
    const bills = mean(history, n - levelDays, n) - ordinary;
    const growth = ordinary > 0 ? (slope * shrink) / ordinary : 0;
    const factors = weekdayFactors(history, firstWeekday);
    const multiplier = (i: number) => Math.min(2, Math.max(0.5, 1 + growth * (levelDays / 2 + i + 0.5)));
    return { total: (h) => profiled(n, firstWeekday, factors, h, (i) => ordinary * multiplier(i) + bills) };
  }),
};

/**
 * Holt's damped linear exponential smoothing on weekly totals of the capped spending
 * (α, β by one-step error), plus the capped-off part (bills, one-offs) at its average daily
 * rate over the last 13 weeks, spread over the days by the day-of-week profile.
 */
const holtWeekly: ForecastModel = {
  name: "holt_weekly",
  baseline: false,
  label: "exponential smoothing (Holt, damped trend) on weekly totals",
  fit: trendFit(HOLT_WEEKS, (history, firstWeekday, usable) => {
    const n = history.length;
    const raw = history.slice(n - usable);
    const capped = capOutliers(raw);
    const weeks = weeklyTotals(capped, HOLT_WEEKS);
    const recent = Math.min(PROFILE_DAYS, usable);
    const excessPerDay = (sum(raw, usable - recent) - sum(capped, usable - recent)) / recent;
    let best = { sse: Infinity, level: 0, trend: 0 };
    for (const alpha of [0.1, 0.2, 0.35, 0.5]) {
      for (const beta of [0.02, 0.1, 0.2]) {
        let level = weeks[0];
        let trend = (weeks[Math.min(3, weeks.length - 1)] - weeks[0]) / Math.min(3, weeks.length - 1);
        let sse = 0;
        for (let t = 1; t < weeks.length; t++) {
          const predicted = level + DAMPING * trend;
          sse += (weeks[t] - predicted) ** 2;
          const nextLevel = alpha * weeks[t] + (1 - alpha) * predicted;
          trend = beta * (nextLevel - level) + (1 - beta) * DAMPING * trend;
          level = nextLevel;
        }
        if (sse < best.sse) best = { sse, level, trend };
      }
    }
    const factors = weekdayFactors(history, firstWeekday);
    return {
      total: (h) =>
        profiled(n, firstWeekday, factors, h, (i) => (best.level + best.trend * dampedSteps(Math.floor(i / 7) + 1)) / 7 + excessPerDay),
    };
  }),
};

/**
 * Fixed bills (rent, insurance: the same amount on about the same day of every month or
 * quarter) laid on the calendar of the horizon, plus day-of-week × level for everything else.
 * Over 90 days a rent is paid 2, 3 or 4 times depending on its due day; a level model spreads
 * it evenly. Needs the calendar (`firstDay`); without it, or without fixed bills, it is
 * day-of-week × level.
 */
const fixedBills: ForecastModel = {
  name: "fixed_bills",
  baseline: false,
  label: "fixed bills on their due days + day-of-week × level for the rest",
  fit(history, firstWeekday, firstDay) {
    if (firstDay === undefined) return dowLevel.fit(history, firstWeekday);
    const found = findFixedBills(history, firstDay);
    if (!found.bills.length) return dowLevel.fit(history, firstWeekday);
    const rest = dowLevel.fit(found.rest, firstWeekday);
    return {
      total: (h) => found.range(h).expected + rest.total(h),
      fixedBills: (h) => ({ ...found.range(h), only: found.billsOnly }),
    };
  },
};

export const MODELS: readonly ForecastModel[] = [lastPeriod, movingAverage, seasonalNaiveWeekly, dowLevel, dowTrend, holtWeekly, fixedBills];

export const BASELINE_MODELS = MODELS.filter((m) => m.baseline);

export function modelByName(name: ModelName): ForecastModel {
  return MODELS.find((m) => m.name === name)!;
}
