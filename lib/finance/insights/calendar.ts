// Calendar arithmetic on day numbers (days since 1970-01-01, UTC) for the insight rules and
// the forecast: transaction dates are calendar dates (@db.Date), so no time zone is involved.

export const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" → day number. */
export function dayOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Expected a "YYYY-MM-DD" date, got "${date}"`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** A Date's UTC calendar day. */
export function dayOfDate(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function dateOfDay(day: number): Date {
  return new Date(day * DAY_MS);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

/** The Monday that starts the ISO week of `day`. */
export function weekStart(day: number): number {
  return day - ((weekdayOf(day) + 6) % 7);
}

/** ISO week label, e.g. "2026-W47". */
export function isoWeekLabel(day: number): string {
  const thursday = weekStart(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const firstThursday = weekStart(dayOf(`${year}-01-04`)) + 3;
  return `${year}-W${String(Math.floor((thursday - firstThursday) / 7) + 1).padStart(2, "0")}`;
}

/** Months since year 0 (y * 12 + month - 1). */
export function monthIndexOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

export function monthLabel(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
}

/** First day (day number) of a month index. */
export function monthStart(monthIndex: number): number {
  return Math.floor(Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1) / DAY_MS);
}

export function monthLength(monthIndex: number): number {
  return monthStart(monthIndex + 1) - monthStart(monthIndex);
}

export function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

/** Day `dom` of a month, clamped to its length (the 31st of February is the 28th/29th). */
export function dayInMonth(monthIndex: number, dom: number): number {
  return monthStart(monthIndex) + Math.min(dom, monthLength(monthIndex)) - 1;
}

const DAY_WORDS = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** Day number → "Dec 5, 2026", for the words of an insight. */
export function dayInWords(day: number): string {
  return DAY_WORDS.format(new Date(day * DAY_MS));
}
