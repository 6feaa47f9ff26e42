import { describe, expect, it } from "vitest";
import { monthsRange, shiftMonth, transactionsHref } from "../../components/dashboard/transactions-link";

describe("the dashboard's links to transactions", () => {
  it("name the category and the month's first and last day", () => {
    expect(transactionsHref({ categoryId: "c1", ...monthsRange("2024-02", "2024-02") })).toBe(
      "/dashboard/transactions?category=c1&from=2024-02-01&to=2024-02-29",
    );
  });

  it("ask for the uncategorized rows when the category is none", () => {
    expect(transactionsHref({ categoryId: null, ...monthsRange("2025-12", "2026-11") })).toBe(
      "/dashboard/transactions?uncategorized=1&from=2025-12-01&to=2026-11-30",
    );
  });

  it("give a month's bar its dates only", () => {
    expect(transactionsHref(monthsRange("2026-01", "2026-01"))).toBe("/dashboard/transactions?from=2026-01-01&to=2026-01-31");
  });

  it("step months across a year end", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2025-12", 1)).toBe("2026-01");
  });
});
