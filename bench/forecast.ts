// bench/forecast: does choosing the model by backtest beat the naive baselines on data it
// has not seen? Generates daily spending series with trend, weekly and monthly seasonality,
// noise and one-off purchases (seeded, so every run gives the same figures); for each series
// and horizon (30 and 90 days) holds out the last H days, runs the model selection on the
// rest, and compares the chosen model's error on the held-out total with each baseline's.
//
//   npm run bench:forecast [-- --series 200 --days 365 --seed 1]
//
// Pure computation: no database or Redis.

import { performance } from "node:perf_hooks";
import { DEFAULT_BACKTEST, intervalFor, selectModel } from "../lib/finance/forecast/backtest";
import { dayInMonth, dayOf, monthIndexOf, weekdayOf } from "../lib/finance/insights/calendar";
import { INTERVAL_LEVEL } from "../lib/finance/forecast/forecast-spending";
import { BASELINE_MODELS, modelByName, MODELS, type ModelName } from "../lib/finance/forecast/models";
import { seededRng, syntheticSpending, type Rng, type SyntheticOptions } from "../tests/helpers/forecast-series";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const SERIES = arg("series", 200);
const DAYS = arg("days", 365);
const SEED = arg("seed", 1);
const HORIZONS = [30, 90];

const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/** The calendar month the series start in (their own day of it: the month phase). */
const FIRST_MONTH_START = dayOf("2025-01-01");

/** One person's spending, with randomly drawn habits, and the day number of its first day. */
function makeSeries(rng: Rng): { values: number[]; firstDay: number } {
  const weekly = Array.from({ length: 7 }, () => uniform(rng, 0.5, 1.6));
  weekly[0] *= uniform(rng, 1, 1.6); // weekends cost more
  weekly[6] *= uniform(rng, 1, 1.6);
  const options: SyntheticOptions = {
    days: DAYS,
    base: uniform(rng, 30_00, 150_00),
    trendPerYear: uniform(rng, -0.2, 0.4),
    weekly,
    monthlyBill: rng() < 0.7 ? uniform(rng, 300_00, 2500_00) : 0,
    paydayBoost: uniform(rng, 0, 0.35),
    noise: uniform(rng, 0.3, 1.0),
    oneOffRate: uniform(rng, 0, 0.03),
    oneOffMean: uniform(rng, 100_00, 800_00),
    firstWeekday: Math.floor(rng() * 7),
    monthPhase: Math.floor(rng() * 30),
  };
  // Day 0 is day `monthPhase` of its month, so the monthly bill falls near the 1st (the
  // generator's months are 30.44 days long: it drifts a day or two around the calendar's).
  return { values: syntheticSpending(rng, options), firstDay: FIRST_MONTH_START + (options.monthPhase ?? 0) };
}

interface Tally {
  chosenAbs: number[];
  actual: number[];
  baselineAbs: Map<ModelName, number[]>;
  chosenCount: Map<ModelName, number>;
  /** Held-out totals inside the chosen model's interval. */
  covered: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function main() {
  const rng = seededRng(SEED);
  const series = Array.from({ length: SERIES }, () => makeSeries(rng));
  const tallies = new Map<number, Tally>(
    HORIZONS.map((h) => [h, { chosenAbs: [], actual: [], baselineAbs: new Map(BASELINE_MODELS.map((b) => [b.name, []])), chosenCount: new Map(), covered: 0 }]),
  );

  const started = performance.now();
  for (const { values: s, firstDay } of series) {
    for (const h of HORIZONS) {
      const train = s.slice(0, s.length - h);
      const actual = s.slice(s.length - h).reduce((a, b) => a + b, 0);
      // Models only need weekdays labelled consistently across history and horizon; the
      // generator already placed each series' weekly pattern on its own weekdays.
      const firstWeekday = 0;
      const { chosen } = selectModel(train, { firstWeekday, firstDay }, DEFAULT_BACKTEST);
      const tally = tallies.get(h)!;
      const fitted = modelByName(chosen.model).fit(train, firstWeekday, firstDay);
      const predicted = fitted.total(h);
      tally.chosenAbs.push(Math.abs(predicted - actual));
      const interval = intervalFor(chosen, h, predicted, INTERVAL_LEVEL, DEFAULT_BACKTEST, fitted.fixedBills?.(h));
      if (actual >= interval.lower && actual <= interval.upper) tally.covered++;
      tally.actual.push(actual);
      tally.chosenCount.set(chosen.model, (tally.chosenCount.get(chosen.model) ?? 0) + 1);
      for (const b of BASELINE_MODELS) tally.baselineAbs.get(b.name)!.push(Math.abs(b.fit(train, firstWeekday, firstDay).total(h) - actual));
    }
  }
  const seconds = (performance.now() - started) / 1000;

  console.log(`bench:forecast  ${SERIES} series × ${DAYS} days, seed ${SEED}; ${MODELS.length} models, origins every ${DEFAULT_BACKTEST.step} days (at most ${DEFAULT_BACKTEST.maxOrigins})`);
  console.log(`selection time: ${seconds.toFixed(2)} s for ${SERIES * HORIZONS.length} selections (${((seconds * 1000) / (SERIES * HORIZONS.length)).toFixed(1)} ms each)\n`);
  for (const h of HORIZONS) {
    const t = tallies.get(h)!;
    const chosenMae = mean(t.chosenAbs);
    const meanActual = mean(t.actual);
    console.log(`Horizon ${h} days (held-out total, mean ${dollars(meanActual)})`);
    console.log(
      `  chosen by backtest: MAE ${dollars(chosenMae)}  WAPE ${pct(chosenMae / meanActual)}  ` +
        `${pct(INTERVAL_LEVEL)} interval held the truth ${pct(t.covered / t.actual.length)} of the time`,
    );
    for (const b of BASELINE_MODELS) {
      const abs = t.baselineAbs.get(b.name)!;
      const mae = mean(abs);
      const wins = t.chosenAbs.filter((c, i) => c < abs[i]).length;
      console.log(
        `  vs ${b.name.padEnd(22)} MAE ${dollars(mae).padStart(10)}  WAPE ${pct(mae / meanActual).padStart(6)}  ` +
          `ratio chosen/baseline ${(chosenMae / mae).toFixed(3)}  chosen wins ${pct(wins / abs.length)}`,
      );
    }
    const counts = [...t.chosenCount.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`);
    console.log(`  models chosen: ${counts.join(", ")}\n`);
  }
}

/**
 * A bills category ("Rent", "Insurance"): a monthly bill on its due day, paid the next Monday
 * when that is a weekend for some people, raised once by 0–5 % for some, and for some a
 * quarterly bill of another size on another day; nothing else.
 */
function makeBillSeries(rng: Rng): { values: number[]; firstDay: number } {
  const firstDay = FIRST_MONTH_START + Math.floor(rng() * 60);
  const amount = Math.round(uniform(rng, 400, 2500)) * 100;
  const dueDay = 1 + Math.floor(rng() * 28);
  const shiftsWeekends = rng() < 0.5;
  const raiseAt = rng() < 0.4 ? Math.floor(uniform(rng, 60, DAYS)) : DAYS;
  const raise = 1 + uniform(rng, 0, 0.05);
  const quarterly = rng() < 0.3 ? { amount: Math.round(uniform(rng, 80, 400)) * 100, day: 1 + Math.floor(rng() * 28), month: Math.floor(rng() * 3) } : null;
  const values = new Array<number>(DAYS).fill(0);
  const pay = (due: number, cents: number) => {
    let day = due;
    const weekday = weekdayOf(day);
    if (shiftsWeekends && (weekday === 0 || weekday === 6)) day += weekday === 6 ? 2 : 1;
    if (day - firstDay >= 0 && day - firstDay < DAYS) values[day - firstDay] += cents;
  };
  for (let m = monthIndexOf(firstDay); dayInMonth(m, 1) < firstDay + DAYS; m++) {
    const due = dayInMonth(m, dueDay);
    pay(due, due - firstDay >= raiseAt ? Math.round(amount * raise) : amount);
    if (quarterly && m % 3 === quarterly.month) pay(dayInMonth(m, quarterly.day), quarterly.amount);
  }
  return { values, firstDay };
}

/** The bills categories, chosen among every model and among every model but fixed_bills. */
function benchBills() {
  const rng = seededRng(SEED + 1);
  const series = Array.from({ length: SERIES }, () => makeBillSeries(rng));
  const without = MODELS.filter((m) => m.name !== "fixed_bills");
  for (const h of HORIZONS) {
    const tally = { withAbs: [] as number[], withoutAbs: [] as number[], actual: [] as number[], withCovered: 0, withoutCovered: 0, withWidth: 0, withoutWidth: 0, chosen: new Map<string, number>() };
    for (const { values, firstDay } of series) {
      const train = values.slice(0, values.length - h);
      const actual = values.slice(values.length - h).reduce((a, b) => a + b, 0);
      tally.actual.push(actual);
      for (const [side, models] of [["with", MODELS], ["without", without]] as const) {
        const { chosen } = selectModel(train, { firstWeekday: weekdayOf(firstDay), firstDay }, DEFAULT_BACKTEST, models);
        const fitted = modelByName(chosen.model).fit(train, weekdayOf(firstDay), firstDay);
        const predicted = fitted.total(h);
        const interval = intervalFor(chosen, h, predicted, INTERVAL_LEVEL, DEFAULT_BACKTEST, fitted.fixedBills?.(h));
        tally[`${side}Abs`].push(Math.abs(predicted - actual));
        if (actual >= interval.lower && actual <= interval.upper) tally[`${side}Covered`]++;
        tally[`${side}Width`] += interval.upper - interval.lower;
        if (side === "with") tally.chosen.set(chosen.model, (tally.chosen.get(chosen.model) ?? 0) + 1);
      }
    }
    const meanActual = mean(tally.actual);
    const line = (side: "with" | "without") =>
      `MAE ${dollars(mean(tally[`${side}Abs`])).padStart(9)}  WAPE ${pct(mean(tally[`${side}Abs`]) / meanActual).padStart(6)}  ` +
      `coverage ${pct(tally[`${side}Covered`] / SERIES).padStart(6)}  mean interval width ${dollars(tally[`${side}Width`] / SERIES)}`;
    console.log(`Bills categories, horizon ${h} days (held-out total, mean ${dollars(meanActual)})`);
    console.log(`  with fixed_bills:    ${line("with")}`);
    console.log(`  without fixed_bills: ${line("without")}`);
    console.log(`  models chosen (with): ${[...tally.chosen.entries()].sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(", ")}\n`);
  }
}

main();
benchBills();
