import { MODELS, type FixedBillsForecast, type ForecastModel, type ModelName } from "./models";

/** Where a daily series starts: its weekday (0 Sunday … 6 Saturday) and, when known, its day number. */
export interface SeriesStart {
  firstWeekday: number;
  firstDay?: number;
}

// Model choice by measurement. Rolling-origin backtest: cut the history at many past days,
// fit every model on what came before, and compare its horizon totals with what happened.
// The model with the smallest error on the horizons a person sees (30 and 90 days) wins;
// baselines come first in MODELS, so a candidate must strictly beat them. Its residuals
// (actual − predicted) at each horizon give the forecast interval as empirical quantiles.

export interface BacktestOptions {
  /** Horizons (days) scored and given an interval. */
  horizons: readonly number[];
  /** Horizons the choice is made on (a subset of `horizons`). */
  selectOn: readonly number[];
  /** The shortest history a model is fitted on. */
  minTrainDays: number;
  /**
   * And at least this share of the series: the choice is for today's history length, so the
   * models are judged on histories not far shorter (a trend model falls back to its level
   * form on a few weeks). Waived as far as needed to score the shortest selection horizon.
   */
  minTrainShare: number;
  /** Days between origins; not a multiple of 7, so origins fall on every weekday. */
  step: number;
  /** The most recent origins only, to bound the work on long histories. */
  maxOrigins: number;
  /** A horizon needs this many origins to be scored on its own. */
  minOrigins: number;
}

export const DEFAULT_BACKTEST: BacktestOptions = {
  horizons: [7, 14, 30, 60, 90],
  selectOn: [30, 90],
  minTrainDays: 21,
  minTrainShare: 0.4,
  step: 3,
  maxOrigins: 100,
  minOrigins: 3,
};

export interface HorizonScore {
  horizon: number;
  origins: number;
  /** Mean absolute error of the horizon total (cents). */
  mae: number;
  /** MAE over the mean actual total: a weighted MAPE that survives zero-spend windows. */
  wape: number | null;
  /** actual − predicted, one per origin. */
  residuals: number[];
}

export interface ModelScore {
  model: ModelName;
  byHorizon: HorizonScore[];
  /** Mean WAPE over the selection horizons that could be scored (lower is better). */
  score: number | null;
}

/** Origins (history lengths) for a series of length n, newest first. */
export function backtestOrigins(n: number, options: BacktestOptions = DEFAULT_BACKTEST): number[] {
  const shortest = Math.min(...options.horizons);
  const scoredHorizon = Math.min(...options.selectOn);
  // The newest origin that can score that horizon, and the few before it that make it count.
  const newestScored = n - shortest - options.step * Math.ceil((scoredHorizon - shortest) / options.step);
  const enoughForScoring = newestScored - options.step * (options.minOrigins - 1);
  const floor = Math.max(options.minTrainDays, Math.min(Math.floor(n * options.minTrainShare), enoughForScoring));
  const origins: number[] = [];
  for (let o = n - shortest; o >= floor && origins.length < options.maxOrigins; o -= options.step) origins.push(o);
  return origins;
}

export function scoreModel(
  series: readonly number[],
  start: SeriesStart,
  model: ForecastModel,
  options: BacktestOptions = DEFAULT_BACKTEST,
): ModelScore {
  const n = series.length;
  const residuals = new Map<number, { res: number[]; actual: number }>(options.horizons.map((h) => [h, { res: [], actual: 0 }]));
  for (const origin of backtestOrigins(n, options)) {
    const fitted = model.fit(series.slice(0, origin), start.firstWeekday, start.firstDay);
    for (const h of options.horizons) {
      if (origin + h > n) continue;
      let actual = 0;
      for (let t = origin; t < origin + h; t++) actual += series[t];
      const slot = residuals.get(h)!;
      slot.res.push(actual - fitted.total(h));
      slot.actual += actual;
    }
  }
  const byHorizon = options.horizons.map((horizon): HorizonScore => {
    const { res, actual } = residuals.get(horizon)!;
    const mae = res.length ? res.reduce((a, r) => a + Math.abs(r), 0) / res.length : 0;
    const meanActual = res.length ? actual / res.length : 0;
    return { horizon, origins: res.length, mae, wape: meanActual > 0 ? mae / meanActual : mae === 0 ? 0 : null, residuals: res };
  });
  const scored = byHorizon.filter((s) => options.selectOn.includes(s.horizon) && s.origins >= options.minOrigins && s.wape !== null);
  // Too short for 30 days: judge on the longest horizon that has enough origins.
  const fallback = [...byHorizon].reverse().find((s) => s.origins >= options.minOrigins && s.wape !== null);
  const used = scored.length ? scored : fallback ? [fallback] : [];
  const score = used.length ? used.reduce((a, s) => a + s.wape!, 0) / used.length : null;
  return { model: model.name, byHorizon, score };
}

export interface Selection {
  chosen: ModelScore;
  scores: ModelScore[];
}

/** Scores every model and keeps the best; ties go to the earlier (simpler) model. */
export function selectModel(
  series: readonly number[],
  start: SeriesStart,
  options: BacktestOptions = DEFAULT_BACKTEST,
  models: readonly ForecastModel[] = MODELS,
): Selection {
  const scores = models.map((m) => scoreModel(series, start, m, options));
  let chosen = scores[0];
  for (const s of scores) {
    if (s.score === null) continue;
    if (chosen.score === null || s.score < chosen.score - 1e-9) chosen = s;
  }
  return { chosen, scores };
}

/** Linear-interpolated empirical quantile (type 7, as R's default). */
export function quantile(values: readonly number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export interface Interval {
  lower: number;
  upper: number;
  /**
   * "backtest": this horizon's residuals; "scaled": a shorter horizon's, scaled up by length;
   * "calendar": the fixed bills that can fall due in the horizon.
   */
  source: "backtest" | "scaled" | "calendar" | "none";
}

/**
 * The central `level` interval around a predicted total, from the chosen model's residuals at
 * that horizon; without enough origins there, from the longest shorter horizon that has them,
 * scaled by the ratio of lengths (errors of a sum grow at most linearly with its length).
 */
export function intervalFor(
  score: ModelScore,
  horizon: number,
  predicted: number,
  level: number,
  options: Pick<BacktestOptions, "minOrigins" | "step"> = DEFAULT_BACKTEST,
  /** The fixed bills the model placed on the calendar (FittedModel.fixedBills). */
  bills?: FixedBillsForecast,
): Interval {
  // Nothing but fixed bills: the calendar says which can fall due, so the range of their sum
  // is the interval (never wider, as the residuals of a few payments would make it).
  if (bills?.only) return { lower: Math.max(0, Math.min(predicted, bills.lower)), upper: Math.max(predicted, bills.upper, 0), source: "calendar" };
  const widened = residualInterval(score, horizon, predicted, level, options);
  if (!bills) return widened;
  // Bills among other spending: the residuals cover the rest; a bill due on the horizon's
  // edge may fall on either side of it (bench/forecast: 90-day coverage 78.5 % without this).
  return {
    ...widened,
    lower: Math.max(0, Math.min(predicted, widened.lower + bills.lower - bills.expected)),
    upper: Math.max(predicted, widened.upper + bills.upper - bills.expected, 0),
  };
}

function residualInterval(
  score: ModelScore,
  horizon: number,
  predicted: number,
  level: number,
  options: Pick<BacktestOptions, "minOrigins" | "step">,
): Interval {
  const usable = score.byHorizon.filter((s) => s.origins >= options.minOrigins && s.residuals.length);
  const own = usable.find((s) => s.horizon === horizon);
  const donor = own ?? [...usable].reverse().find((s) => s.horizon < horizon);
  if (!donor) return { lower: Math.max(0, predicted), upper: Math.max(0, predicted), source: "none" };
  const scale = horizon / donor.horizon;
  // Empirical quantiles, but never narrower than the normal interval of the residuals' RMS:
  // neighbouring origins' windows overlap, so m residuals hold only a few independent ones
  // and their extreme quantiles come out too narrow (measured: 65 % coverage for a nominal
  // 80 % on noise without this floor, 82 % with it).
  let rms = rmsOf(donor.residuals);
  // With fewer than 3 independent windows (span of origins / horizon + 1), not even the RMS
  // is to be trusted: shorter horizons' RMS, grown with the square root of the length, is a
  // floor (bench/forecast: 90-day coverage 67 % → 83 % for a nominal 80 %).
  if (((donor.origins - 1) * options.step) / donor.horizon + 1 < MIN_INDEPENDENT_WINDOWS) {
    for (const s of usable) if (s.horizon < donor.horizon) rms = Math.max(rms, rmsOf(s.residuals) * Math.sqrt(donor.horizon / s.horizon));
  }
  const z = normalQuantile((1 + level) / 2);
  const lo = Math.min(quantile(donor.residuals, (1 - level) / 2), -z * rms) * scale;
  const hi = Math.max(quantile(donor.residuals, (1 + level) / 2), z * rms) * scale;
  return {
    lower: Math.max(0, Math.min(predicted, predicted + lo)),
    upper: Math.max(predicted, predicted + hi, 0),
    source: own ? "backtest" : "scaled",
  };
}

const MIN_INDEPENDENT_WINDOWS = 3;

function rmsOf(residuals: readonly number[]): number {
  return Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length);
}
