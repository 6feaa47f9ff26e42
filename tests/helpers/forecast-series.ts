// Seeded series for the forecast tests and bench/forecast.ts (identical on every machine).

import type { Rng } from "../../lib/random";

export { seededRng, type Rng } from "../../lib/random";

export function normal(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export interface SyntheticOptions {
  days: number;
  /** Mean daily spend at day 0 (cents). */
  base: number;
  /** Relative growth per year (0.1 = +10 % a year). */
  trendPerYear: number;
  /** Day-of-week multipliers, Sunday first. */
  weekly: readonly number[];
  /** A fixed bill on the 1st of every 30.44-day month (cents), and a payday bump. */
  monthlyBill: number;
  paydayBoost: number;
  /** Coefficient of variation of the daily noise (log-normal). */
  noise: number;
  /** Chance of a one-off purchase on a day, and its mean size (cents). */
  oneOffRate: number;
  oneOffMean: number;
  /** Weekday of day 0. */
  firstWeekday: number;
  /** Day of the month of day 0 (0-based), so series do not all pay their bills on the same days. */
  monthPhase?: number;
}

/** Daily spending with trend, weekly and monthly seasonality, noise and one-off purchases. */
export function syntheticSpending(rng: Rng, o: SyntheticOptions): number[] {
  const sigma = Math.sqrt(Math.log(1 + o.noise ** 2));
  const out: number[] = [];
  for (let t = 0; t < o.days; t++) {
    const dayOfMonth = Math.floor((t + (o.monthPhase ?? 0)) % 30.44);
    const level = o.base * (1 + (o.trendPerYear * t) / 365);
    const monthly = dayOfMonth < 7 ? 1 + o.paydayBoost : 1;
    const noise = Math.exp(sigma * normal(rng) - sigma ** 2 / 2);
    let value = level * o.weekly[(o.firstWeekday + t) % 7] * monthly * noise;
    if (dayOfMonth === 0) value += o.monthlyBill;
    if (rng() < o.oneOffRate) value += o.oneOffMean * -Math.log(Math.max(rng(), 1e-12));
    out.push(Math.round(value));
  }
  return out;
}
