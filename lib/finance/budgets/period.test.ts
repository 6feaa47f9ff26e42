import { describe, expect, it } from "vitest";
import { addDays, daysBetween, periodProgress, periodRange } from "./period";

describe("periodRange", () => {
  it("gives the calendar month, ending on its last day", () => {
    expect(periodRange({ period: "monthly" }, "2026-11-15")).toEqual({ start: "2026-11-01", end: "2026-11-30" });
    expect(periodRange({ period: "monthly" }, "2026-12-31")).toEqual({ start: "2026-12-01", end: "2026-12-31" });
    expect(periodRange({ period: "monthly" }, "2026-01-01")).toEqual({ start: "2026-01-01", end: "2026-01-31" });
  });

  it("ends February on the 29th in a leap year and the 28th otherwise", () => {
    expect(periodRange({ period: "monthly" }, "2028-02-10")).toEqual({ start: "2028-02-01", end: "2028-02-29" });
    expect(periodRange({ period: "monthly" }, "2026-02-28")).toEqual({ start: "2026-02-01", end: "2026-02-28" });
    // 2100 is not a leap year (divisible by 100, not by 400); 2000 was.
    expect(periodRange({ period: "monthly" }, "2100-02-15").end).toBe("2100-02-28");
    expect(periodRange({ period: "monthly" }, "2000-02-15").end).toBe("2000-02-29");
  });

  it("starts weeks on Monday, also when today is Sunday or Monday", () => {
    // 2026-11-22 is a Sunday.
    expect(periodRange({ period: "weekly" }, "2026-11-22")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(periodRange({ period: "weekly" }, "2026-11-23")).toEqual({ start: "2026-11-23", end: "2026-11-29" });
    expect(periodRange({ period: "weekly" }, "2026-11-19")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
  });

  it("lets a week span a month and a year end", () => {
    // 2026-12-31 is a Thursday.
    expect(periodRange({ period: "weekly" }, "2026-12-31")).toEqual({ start: "2026-12-28", end: "2027-01-03" });
    expect(periodRange({ period: "weekly" }, "2027-01-02")).toEqual({ start: "2026-12-28", end: "2027-01-03" });
  });

  it("gives a rolling window of N days ending today", () => {
    expect(periodRange({ period: "rolling", rollingDays: 30 }, "2026-03-10")).toEqual({ start: "2026-02-09", end: "2026-03-10" });
    expect(periodRange({ period: "rolling", rollingDays: 1 }, "2026-03-10")).toEqual({ start: "2026-03-10", end: "2026-03-10" });
    expect(periodRange({ period: "rolling", rollingDays: 7 }, "2028-03-02")).toEqual({ start: "2028-02-25", end: "2028-03-02" });
    expect(() => periodRange({ period: "rolling", rollingDays: 0 }, "2026-03-10")).toThrow();
  });

  it("gives a custom budget its fixed dates whatever today is", () => {
    const spec = { period: "custom" as const, startDate: "2026-06-01", endDate: "2026-08-31" };
    expect(periodRange(spec, "2026-07-04")).toEqual({ start: "2026-06-01", end: "2026-08-31" });
    expect(periodRange(spec, "2027-01-01")).toEqual({ start: "2026-06-01", end: "2026-08-31" });
  });
});

describe("periodProgress", () => {
  it("counts today as elapsed and the days after it as left", () => {
    expect(periodProgress({ period: "monthly" }, "2026-11-15")).toMatchObject({ daysInPeriod: 30, daysElapsed: 15, daysLeft: 15 });
    expect(periodProgress({ period: "monthly" }, "2028-02-29")).toMatchObject({ daysInPeriod: 29, daysElapsed: 29, daysLeft: 0 });
    expect(periodProgress({ period: "weekly" }, "2026-11-16")).toMatchObject({ daysInPeriod: 7, daysElapsed: 1, daysLeft: 6 });
  });

  it("clamps a custom period before it starts and after it ends", () => {
    const spec = { period: "custom" as const, startDate: "2026-06-01", endDate: "2026-06-10" };
    expect(periodProgress(spec, "2026-05-20")).toMatchObject({ daysInPeriod: 10, daysElapsed: 0, daysLeft: 10 });
    expect(periodProgress(spec, "2026-07-01")).toMatchObject({ daysInPeriod: 10, daysElapsed: 10, daysLeft: 0 });
  });
});

describe("day arithmetic", () => {
  it("crosses leap days and year ends", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
  });
});
