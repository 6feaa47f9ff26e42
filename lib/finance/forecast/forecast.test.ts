import { describe, expect, it } from "vitest";
import { backtestOrigins, DEFAULT_BACKTEST, intervalFor, quantile, scoreModel, selectModel } from "./backtest";
import { forecastSeries, forecastSpending, type DailySpendRow } from "./forecast-spending";
import { modelByName, MODELS } from "./models";
import { normal, seededRng } from "../../../tests/helpers/forecast-series";

const WEEK = [40_00, 10_00, 10_00, 12_00, 15_00, 30_00, 60_00];
const weekly = (days: number, firstWeekday = 0) => Array.from({ length: days }, (_, t) => WEEK[(firstWeekday + t) % 7]);

describe("forecast models", () => {
  it("forecast a constant series exactly, so every backtest error is zero", () => {
    const series = new Array(200).fill(25_00);
    const { chosen, scores } = selectModel(series, { firstWeekday: 3 });
    expect(chosen.score).toBe(0);
    for (const s of scores) expect(s.score).toBeCloseTo(0, 9);
    expect(modelByName(chosen.model).fit(series, 3).total(30)).toBeCloseTo(30 * 25_00, 6);
  });

  it("choose a seasonal model for a pure weekly pattern, which the non-seasonal baselines miss", () => {
    const series = weekly(180, 2);
    const { chosen, scores } = selectModel(series, { firstWeekday: 2 });
    expect(["seasonal_naive_weekly", "dow_level", "dow_trend", "holt_weekly"]).toContain(chosen.model);
    expect(chosen.score).toBeCloseTo(0, 9);
    const byName = new Map(scores.map((s) => [s.model, s.score!]));
    expect(byName.get("last_period")!).toBeGreaterThan(0.01);
    expect(byName.get("moving_average")!).toBeGreaterThan(0.01);
  });

  it("follow a trend that the naive seasonal model cannot", () => {
    const series = weekly(240).map((v, t) => v * (1 + t / 200));
    const { chosen, scores } = selectModel(series, { firstWeekday: 0 });
    expect(["dow_trend", "holt_weekly"]).toContain(chosen.model);
    const seasonal = scores.find((s) => s.model === "seasonal_naive_weekly")!;
    expect(chosen.score!).toBeLessThan(seasonal.score! * 0.7);
  });

  it("never forecast negative spending", () => {
    const falling = Array.from({ length: 120 }, (_, t) => Math.max(0, 100_00 - t * 1_00));
    for (const model of MODELS) expect(model.fit(falling, 0).total(90)).toBeGreaterThanOrEqual(0);
  });
});

describe("the backtest", () => {
  it("cuts origins every few days from the newest, never below the minimum history", () => {
    const origins = backtestOrigins(60);
    expect(origins[0]).toBe(53);
    expect(origins.at(-1)).toBeGreaterThanOrEqual(DEFAULT_BACKTEST.minTrainDays);
    // A long history is judged on histories of at least 40 % of its length.
    expect(Math.min(...backtestOrigins(365))).toBeGreaterThanOrEqual(146);
    expect(new Set(origins.map((o) => o % 7)).size).toBeGreaterThan(1);
    // 60 days: just enough 30-day origins to score.
    const score = scoreModel(weekly(60), { firstWeekday: 0 }, modelByName("moving_average"));
    expect(score.byHorizon.find((h) => h.horizon === 30)!.origins).toBe(3);
    expect(score.byHorizon.find((h) => h.horizon === 90)!.origins).toBe(0);
  });

  it("computes empirical quantiles by linear interpolation", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4);
    expect(quantile([10], 0.9)).toBe(10);
  });

  it("scales a shorter horizon's residuals when a long horizon has no origins", () => {
    const score = scoreModel(weekly(70).map((v, t) => v + (t % 5) * 1_00), { firstWeekday: 0 }, modelByName("moving_average"));
    const interval = intervalFor(score, 90, 1000_00, 0.8);
    expect(interval.source).toBe("scaled");
    expect(interval.upper).toBeGreaterThanOrEqual(1000_00);
  });

  it("gives 80 % intervals that hold the truth about 80 % of the time on noise, at 30 and 90 days", () => {
    const rng = seededRng(7);
    const runs = 300;
    const inside = { 30: 0, 90: 0 };
    for (let r = 0; r < runs; r++) {
      const series = Array.from({ length: 200 + 90 }, (_, t) => Math.max(0, 50_00 * (WEEK[t % 7] / 25_00) + 15_00 * normal(rng)));
      const forecast = forecastSeries(series.slice(0, 200), { firstWeekday: 0 }, 0.8, DEFAULT_BACKTEST);
      for (const days of [30, 90] as const) {
        const actual = series.slice(200, 200 + days).reduce((a, b) => a + b, 0) / 100;
        const h = forecast.horizons.find((x) => x.days === days)!;
        if (actual >= Number(h.lower) && actual <= Number(h.upper)) inside[days]++;
      }
    }
    expect(inside[30] / runs).toBeGreaterThan(0.7);
    expect(inside[30] / runs).toBeLessThan(0.92);
    expect(inside[90] / runs).toBeGreaterThan(0.65);
    expect(inside[90] / runs).toBeLessThan(0.92);
  });
});

describe("forecastSpending", () => {
  const rows = (days: number): DailySpendRow[] => {
    const out: DailySpendRow[] = [];
    for (let d = 0; d < days; d++) {
      const date = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      ["Rent", "Food", "Coffee", "Fuel", "Books", "Games", "Gifts"].forEach((category, i) => {
        out.push({ date, categoryId: `c${i}`, category, spentMinor: BigInt((7 - i) * 100 + (d % 7) * 10) });
      });
    }
    return out;
  };

  it("refuses less than 60 days of history with a clear message", () => {
    const outcome = forecastSpending({ rows: rows(40), firstDay: "2026-01-01", today: "2026-02-10" });
    expect(outcome).toMatchObject({ ok: false, reason: "not_enough_history", historyDays: 40 });
    if (!outcome.ok) expect(outcome.message).toBe("A forecast needs at least 60 days of transactions; you have 40.");
  });

  it("forecasts the total and the top five categories with 30- and 90-day intervals and every model's error", () => {
    const outcome = forecastSpending({ rows: rows(120), firstDay: "2026-01-01", today: "2026-05-01" });
    if (!outcome.ok) throw new Error(outcome.message);
    const { data } = outcome;
    expect(data.from).toBe("2026-05-01");
    expect(data.historyDays).toBe(120);
    expect(data.categories.map((c) => c.name)).toEqual(["Rent", "Food", "Coffee", "Fuel", "Books"]);
    const h30 = data.total.horizons.find((h) => h.days === 30)!;
    expect(Number(h30.lower)).toBeLessThanOrEqual(Number(h30.expected));
    expect(Number(h30.upper)).toBeGreaterThanOrEqual(Number(h30.expected));
    expect(h30.expected).toMatch(/^\d+\.\d{2}$/);
    expect(data.total.errors.map((e) => e.model)).toEqual(MODELS.map((m) => m.name));
    expect(data.total.errors.filter((e) => e.baseline)).toHaveLength(3);
  });
});
