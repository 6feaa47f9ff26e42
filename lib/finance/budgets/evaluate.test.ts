import { describe, expect, it } from "vitest";
import { evaluateBudget, type EvaluatedBudget } from "./evaluate";

const monthly: EvaluatedBudget = { id: "b1", title: "Coffee", amountMinor: 10_000n, alertThresholdPercent: 80, period: "monthly" };
const kinds = (e: { insights: { kind: string }[] }) => e.insights.map((i) => i.kind);

describe("evaluateBudget", () => {
  it("writes nothing below the threshold early in the period", () => {
    expect(kinds(evaluateBudget(monthly, 7_900n, "2026-11-05"))).toEqual([]);
  });

  it("warns at the alert threshold", () => {
    const e = evaluateBudget(monthly, 8_000n, "2026-11-05");
    expect(kinds(e)).toEqual(["budget_warning"]);
    expect(e.insights[0]).toMatchObject({
      severity: "warning",
      dedupeKey: "budget_warning:b1:2026-11-01",
      data: { spent: "80.00", amount: "100.00", remaining: "20.00", percent: 80, periodStart: "2026-11-01", periodEnd: "2026-11-30" },
    });
    expect(e.insights[0].expiresAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });

  it("reports exceeded (not warning) only when spending is over the amount", () => {
    expect(kinds(evaluateBudget(monthly, 10_000n, "2026-11-05"))).toEqual(["budget_warning"]);
    const e = evaluateBudget(monthly, 10_001n, "2026-11-05");
    expect(kinds(e)).toEqual(["budget_exceeded"]);
    expect(e.insights[0]).toMatchObject({ severity: "critical", dedupeKey: "budget_exceeded:b1:2026-11-01", data: { remaining: "-0.01" } });
  });

  it("projects spending when over half used with fewer than 10 days left", () => {
    // 2026-11-21: 21 of 30 days, 9 left; 60.00 spent → 60 / 21 × 30 = 85.714… → 85.71.
    const e = evaluateBudget(monthly, 6_000n, "2026-11-21");
    expect(kinds(e)).toEqual(["budget_projection"]);
    expect(e.insights[0]).toMatchObject({ severity: "info", dedupeKey: "budget_projection:b1:2026-11-01", data: { projected: "85.71", daysLeft: 9 } });
  });

  it("does not project with 10 days left or at exactly half", () => {
    expect(kinds(evaluateBudget(monthly, 6_000n, "2026-11-20"))).toEqual([]);
    expect(kinds(evaluateBudget(monthly, 5_000n, "2026-11-25"))).toEqual([]);
  });

  it("keeps the projection beside a warning or an exceeded budget", () => {
    expect(kinds(evaluateBudget(monthly, 9_000n, "2026-11-28"))).toEqual(["budget_warning", "budget_projection"]);
    expect(kinds(evaluateBudget(monthly, 12_000n, "2026-11-28"))).toEqual(["budget_exceeded", "budget_projection"]);
  });

  it("uses the budget's own threshold", () => {
    expect(kinds(evaluateBudget({ ...monthly, alertThresholdPercent: 50 }, 5_000n, "2026-11-02"))).toEqual(["budget_warning"]);
  });

  it("never projects a rolling budget, whose window never ends", () => {
    const rolling: EvaluatedBudget = { ...monthly, period: "rolling", rollingDays: 7 };
    expect(kinds(evaluateBudget(rolling, 9_000n, "2026-11-21"))).toEqual(["budget_warning"]);
  });

  it("keys weekly insights by the Monday, so each week gets its own", () => {
    const weekly: EvaluatedBudget = { ...monthly, period: "weekly" };
    expect(evaluateBudget(weekly, 20_000n, "2026-11-22").insights[0].dedupeKey).toBe("budget_exceeded:b1:2026-11-16");
    expect(evaluateBudget(weekly, 20_000n, "2026-11-23").insights[0].dedupeKey).toBe("budget_exceeded:b1:2026-11-23");
  });

  it("leaves a custom budget alone outside its dates", () => {
    const custom: EvaluatedBudget = { ...monthly, period: "custom", startDate: "2026-06-01", endDate: "2026-06-30" };
    expect(evaluateBudget(custom, 20_000n, "2026-07-02")).toMatchObject({ active: false, insights: [] });
    expect(kinds(evaluateBudget(custom, 20_000n, "2026-06-30"))).toEqual(["budget_exceeded", "budget_projection"]);
  });
});

describe("budget notification words", () => {
  it("names the period in words, not as ISO dates", () => {
    const [exceeded] = evaluateBudget(monthly, 14_527n, "2026-11-05").insights;
    expect(exceeded.body).toMatch(/\(145\.3%\) for Nov 1\s–\s30, 2026/);
    expect(exceeded.body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
