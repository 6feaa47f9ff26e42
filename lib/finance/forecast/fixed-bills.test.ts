import { describe, expect, it } from "vitest";
import { dayOf, dayToIso, weekdayOf } from "../insights/calendar";
import { findFixedBills } from "./fixed-bills";
import { forecastSpending, type DailySpendRow } from "./forecast-spending";

/** A category's daily series from "YYYY-MM-DD" → cents payments, over [firstDay, today). */
function series(payments: Record<string, number>, firstDay: string, today: string): number[] {
  const start = dayOf(firstDay);
  const values = new Array<number>(dayOf(today) - start).fill(0);
  for (const [date, cents] of Object.entries(payments)) values[dayOf(date) - start] += cents;
  return values;
}

/** Rent on the 1st of every month of 2026 up to `lastMonth` (1-based), paid the next Monday when the 1st is a weekend. */
function rentPayments(amount: number, lastMonth: number, shiftWeekends: boolean): Record<string, number> {
  const out: Record<string, number> = {};
  for (let m = 1; m <= lastMonth; m++) {
    let day = dayOf(`2026-${String(m).padStart(2, "0")}-01`);
    const weekday = weekdayOf(day);
    if (shiftWeekends && weekday === 6) day += 2;
    if (shiftWeekends && weekday === 0) day += 1;
    out[dayToIso(day)] = amount;
  }
  return out;
}

describe("the fixed-bills forecast", () => {
  const rentRows = (months: number): DailySpendRow[] =>
    Object.entries(rentPayments(2150_00, months, false)).map(([date, cents]) => ({ date, categoryId: "rent", category: "Rent", spentMinor: BigInt(cents) }));

  it("forecasts a rent of 2,150 on the 1st as exactly the payments the calendar holds (the issue's 0.00–13,214.22)", () => {
    const outcome = forecastSpending({ rows: rentRows(12), firstDay: "2026-01-01", today: "2026-12-06" });
    if (!outcome.ok) throw new Error(outcome.message);
    const rent = outcome.data.categories[0];
    expect(rent.model).toBe("fixed_bills");
    const byDays = new Map(rent.horizons.map((h) => [h.days, [h.expected, h.lower, h.upper, h.intervalSource]]));
    // Dec 6 + 30 days holds Jan 1; + 90 days holds Jan 1, Feb 1 and Mar 1.
    expect(byDays.get(30)).toEqual(["2150.00", "2150.00", "2150.00", "calendar"]);
    expect(byDays.get(90)).toEqual(["6450.00", "6450.00", "6450.00", "calendar"]);
    expect(byDays.get(7)).toEqual(["0.00", "0.00", "0.00", "calendar"]);
  });

  it("counts four payments in 90 days when the calendar holds four due days (a bill at the month's end from Jan 31)", () => {
    const payments: Record<string, number> = {};
    for (const date of ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31"]) {
      payments[date] = 900_00;
    }
    const found = findFixedBills(series(payments, "2026-01-01", "2027-01-31"), dayOf("2026-01-01"));
    expect(found.billsOnly).toBe(true);
    // Jan 31, Feb 28, Mar 31 and Apr 30 lie within the 89 days after Jan 31.
    expect(found.range(90)).toEqual({ expected: 3600_00, lower: 3600_00, upper: 3600_00 });
    // Jan 31 and Feb 28 in 30 days.
    expect(found.range(30)).toEqual({ expected: 1800_00, lower: 1800_00, upper: 1800_00 });
  });

  it("counts three in 90 days from Dec 1 with December's rent still due (Dec 1, Jan 1, Feb 1; Mar 1 is day 91)", () => {
    const found = findFixedBills(series(rentPayments(2150_00, 11, false), "2026-01-01", "2026-12-01"), dayOf("2026-01-01"));
    expect(found.range(90)).toEqual({ expected: 6450_00, lower: 6450_00, upper: 6450_00 });
  });

  it("gives a range of the plausible payments when a payment seen up to two days late may fall past the horizon", () => {
    // Paid the next Monday when the 1st is a weekend: Aug 1, 2026 (a Saturday) was paid on Aug 3.
    const rows: DailySpendRow[] = Object.entries(rentPayments(2150_00, 12, true)).map(([date, cents]) => ({ date, categoryId: "rent", category: "Rent", spentMinor: BigInt(cents) }));
    const outcome = forecastSpending({ rows, firstDay: "2026-01-01", today: "2026-12-02" });
    if (!outcome.ok) throw new Error(outcome.message);
    const h90 = outcome.data.categories[0].horizons.find((h) => h.days === 90)!;
    // Dec 2 + 90 days ends on Mar 1: Jan 1 and Feb 1 are certain, Mar 1 is due inside but may come on Mar 2 or 3.
    expect([h90.expected, h90.lower, h90.upper]).toEqual(["6450.00", "4300.00", "6450.00"]);
  });

  it("lays two bills of one category on their own days (rent on the 5th, insurance every quarter on the 20th)", () => {
    const payments: Record<string, number> = { "2026-01-20": 300_00, "2026-04-20": 300_00, "2026-07-20": 300_00, "2026-10-20": 300_00 };
    for (let m = 1; m <= 11; m++) payments[`2026-${String(m).padStart(2, "0")}-05`] = 1200_00;
    const found = findFixedBills(series(payments, "2026-01-01", "2026-12-01"), dayOf("2026-01-01"));
    expect(found.bills.map((b) => b.pattern.cadence.cadence).sort()).toEqual(["monthly", "quarterly"]);
    // Dec 5, Jan 5, Feb 5 and Jan 20.
    expect(found.range(90)).toEqual({ expected: 3900_00, lower: 3900_00, upper: 3900_00 });
    // Dec 5 only.
    expect(found.range(30).expected).toBe(1200_00);
  });

  it("forecasts no bill once it stopped being paid", () => {
    const found = findFixedBills(series(rentPayments(2150_00, 8, false), "2026-01-01", "2026-12-06"), dayOf("2026-01-01"));
    expect(found.bills).toEqual([]);
  });

  it("leaves a dense series (the total, groceries) to the other models", () => {
    const values = Array.from({ length: 200 }, (_, t) => 40_00 + (t % 7) * 5_00 + (t % 30 === 0 ? 2150_00 : 0));
    expect(findFixedBills(values, dayOf("2026-01-01")).bills).toEqual([]);
  });
});
