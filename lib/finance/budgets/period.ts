// Budget periods on calendar days ("YYYY-MM-DD", UTC like transaction dates). A period is
// inclusive at both ends: a monthly budget on 2026-11-15 covers 2026-11-01 … 2026-11-30.

export type BudgetPeriodKind = "monthly" | "weekly" | "rolling" | "custom";

export interface PeriodSpec {
  period: BudgetPeriodKind;
  /** rolling: the last N days, ending today. */
  rollingDays?: number | null;
  /** custom: the fixed range. */
  startDate?: string | null;
  endDate?: string | null;
}

export interface PeriodRange {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

export function parseDay(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) throw new Error(`not a calendar day: ${day}`);
  return d;
}

export const dateToIso = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return dateToIso(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/** Whole days from `from` to `to` (to − from); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/** Today as a UTC calendar day. */
export const utcToday = (now = new Date()): string => dateToIso(now);

/** The period that contains `today` (for custom: the fixed range, whatever today is). */
export function periodRange(spec: PeriodSpec, today: string): PeriodRange {
  const d = parseDay(today);
  switch (spec.period) {
    case "monthly": {
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      return { start: dateToIso(new Date(Date.UTC(y, m, 1))), end: dateToIso(new Date(Date.UTC(y, m + 1, 0))) };
    }
    case "weekly": {
      // getUTCDay: Sunday 0 … Saturday 6; weeks start on Monday.
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      const start = addDays(today, -sinceMonday);
      return { start, end: addDays(start, 6) };
    }
    case "rolling": {
      const n = spec.rollingDays ?? 0;
      if (!Number.isInteger(n) || n < 1) throw new Error("a rolling budget needs rollingDays ≥ 1");
      return { start: addDays(today, -(n - 1)), end: today };
    }
    case "custom": {
      if (!spec.startDate || !spec.endDate) throw new Error("a custom budget needs startDate and endDate");
      return { start: spec.startDate, end: spec.endDate };
    }
  }
}

export interface PeriodProgress extends PeriodRange {
  /** Days in the whole period. */
  daysInPeriod: number;
  /** Days of the period up to and including today (0 before it starts). */
  daysElapsed: number;
  /** Days of the period after today (0 on its last day and after it). */
  daysLeft: number;
}

export function periodProgress(spec: PeriodSpec, today: string): PeriodProgress {
  const range = periodRange(spec, today);
  const daysInPeriod = daysBetween(range.start, range.end) + 1;
  const daysElapsed = Math.min(daysInPeriod, Math.max(0, daysBetween(range.start, today) + 1));
  return { ...range, daysInPeriod, daysElapsed, daysLeft: daysInPeriod - daysElapsed };
}
