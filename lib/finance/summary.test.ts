import { describe, expect, it } from "vitest";
import { buildMonthSummary, buildSummary, monthBounds, monthKey, type SummaryAggregateRow } from "./summary";

const NOW = new Date("2026-11-15T12:00:00Z");
const names = new Map([
  ["c-rent", "Rent"],
  ["c-food", "Groceries"],
]);

function cat(month: string, categoryId: string | null, income: bigint, expenses: bigint, count: number): SummaryAggregateRow {
  return { month, categoryId, income, expenses, count };
}
const month = (m: string, income: bigint, expenses: bigint, count: number) => cat(m, null, income, expenses, count);

describe("monthKey", () => {
  it("steps back across a year boundary", () => {
    expect(monthKey(NOW)).toBe("2026-11");
    expect(monthKey(NOW, 11)).toBe("2025-12");
    expect(monthKey(new Date("2026-01-31T23:59:59Z"), 1)).toBe("2025-12");
  });
});

describe("buildSummary", () => {
  it("gives an empty summary with zeroed months when there are no transactions", () => {
    const s = buildSummary([], names, NOW);
    expect(s.transactionCount).toBe(0);
    expect(s.months).toHaveLength(12);
    expect(s.months[0].month).toBe("2025-12");
    expect(s.months[11].month).toBe("2026-11");
    expect(s.currentMonth).toMatchObject({ income: "0.00", expenses: "0.00", net: "0.00", savingsRate: null });
    expect(s.categories.currentMonth).toEqual([]);
  });

  it("computes current month income, expenses, net and savings rate", () => {
    const s = buildSummary([month("2026-11", 500000n, 312345n, 20)], names, NOW);
    expect(s.currentMonth).toEqual({
      month: "2026-11",
      income: "5000.00",
      expenses: "3123.45",
      net: "1876.55",
      savingsRate: 37.5,
      transactionCount: 20,
    });
  });

  it("shows a negative savings rate when spending exceeds income", () => {
    const s = buildSummary([month("2026-11", 100000n, 150000n, 3)], names, NOW);
    expect(s.currentMonth.net).toBe("-500.00");
    expect(s.currentMonth.savingsRate).toBe(-50);
  });

  it("sums the 12-month window and leaves older months out of it but in the count", () => {
    const s = buildSummary(
      [month("2026-11", 100n, 50n, 1), month("2025-12", 200n, 0n, 2), month("2025-11", 9999n, 9999n, 7)],
      names,
      NOW,
    );
    expect(s.last12Months).toMatchObject({ from: "2025-12", to: "2026-11", income: "3.00", expenses: "0.50", transactionCount: 3 });
    expect(s.transactionCount).toBe(10);
  });

  it("ranks category spending by amount with shares and names uncategorized", () => {
    const s = buildSummary(
      [
        cat("2026-11", "c-rent", 0n, 75000n, 1),
        cat("2026-11", "c-food", 0n, 20000n, 1),
        cat("2026-11", null, 0n, 5000n, 1),
        cat("2026-10", "c-food", 0n, 30000n, 2),
      ],
      names,
      NOW,
    );
    expect(s.categories.currentMonth).toEqual([
      { categoryId: "c-rent", name: "Rent", spent: "750.00", share: 75 },
      { categoryId: "c-food", name: "Groceries", spent: "200.00", share: 20 },
      { categoryId: null, name: "Uncategorized", spent: "50.00", share: 5 },
    ]);
    expect(s.categories.last12Months[0]).toMatchObject({ name: "Rent", spent: "750.00" });
    expect(s.categories.last12Months[1]).toMatchObject({ name: "Groceries", spent: "500.00" });
    // Month totals are the sums of the month's category rows.
    expect(s.currentMonth).toMatchObject({ expenses: "1000.00", transactionCount: 3 });
    expect(s.months[10]).toMatchObject({ month: "2026-10", expenses: "300.00", transactionCount: 2 });
  });

  it("leaves categories with only income out of spending", () => {
    const s = buildSummary([cat("2026-11", "c-rent", 500n, 0n, 1)], names, NOW);
    expect(s.categories.currentMonth).toEqual([]);
    expect(s.currentMonth.income).toBe("5.00");
  });
});

describe("currencies", () => {
  it("never adds amounts of different currencies: the main one gets the summary, each other its own totals", () => {
    const s = buildSummary(
      [
        { month: "2026-11", categoryId: "c-food", currency: "USD", income: 0n, expenses: 10_000n, count: 1 },
        { month: "2026-11", categoryId: null, currency: "USD", income: 300_000n, expenses: 0n, count: 1 },
        { month: "2026-11", categoryId: "c-food", currency: "EUR", income: 0n, expenses: 5_000n, count: 2 },
        { month: "2026-10", categoryId: null, currency: "GBP", income: 1_000n, expenses: 0n, count: 1 },
      ],
      names,
      NOW,
      "USD",
    );
    expect(s.currency).toBe("USD");
    expect(s.currentMonth).toMatchObject({ income: "3000.00", expenses: "100.00", transactionCount: 2 });
    expect(s.categories.currentMonth).toEqual([{ categoryId: "c-food", name: "Groceries", spent: "100.00", share: 100 }]);
    expect(s.otherCurrencies.map((o) => o.currency)).toEqual(["EUR", "GBP"]);
    expect(s.otherCurrencies[0].currentMonth).toMatchObject({ income: "0.00", expenses: "50.00", transactionCount: 2 });
    expect(s.otherCurrencies[1].last12Months).toMatchObject({ income: "10.00" });
    expect(s.transactionCount).toBe(5);
  });
});

describe("refunds", () => {
  it("leaves a category whose refunds outweigh its spending out of the shares (never a negative share)", () => {
    const s = buildSummary(
      [cat("2026-11", "c-rent", 0n, 10_000n, 1), cat("2026-11", "c-food", 0n, -2_000n, 1)],
      names,
      NOW,
    );
    expect(s.currentMonth.expenses).toBe("80.00");
    expect(s.categories.currentMonth).toEqual([{ categoryId: "c-rent", name: "Rent", spent: "100.00", share: 100 }]);
  });
});

describe("buildMonthSummary", () => {
  it("gives one month's totals per currency and its categories", () => {
    const m = buildMonthSummary(
      [
        { month: "2025-03", categoryId: "c-food", income: 0n, expenses: 4_000n, count: 2 },
        { month: "2025-03", categoryId: null, currency: "EUR", income: 9_000n, expenses: 0n, count: 1 },
        { month: "2025-04", categoryId: "c-food", income: 0n, expenses: 99_999n, count: 1 },
      ],
      names,
      "2025-03",
      "USD",
    );
    expect(m.totals).toMatchObject({ month: "2025-03", expenses: "40.00", income: "0.00", transactionCount: 2 });
    expect(m.categories).toEqual([{ categoryId: "c-food", name: "Groceries", spent: "40.00", share: 100 }]);
    expect(m.otherCurrencies).toEqual([{ currency: "EUR", totals: expect.objectContaining({ income: "90.00" }) }]);
  });

  it("knows a month's bounds across a year end", () => {
    expect(monthBounds("2025-12")).toEqual({ from: "2025-12-01", to: "2025-12-31", next: "2026-01-01" });
    expect(monthBounds("2024-02").to).toBe("2024-02-29");
  });
});

describe("a currency without cents", () => {
  it("writes JPY totals in whole yen (its minor unit), not hundredths", () => {
    const s = buildSummary(
      [{ month: "2026-11", categoryId: null, currency: "JPY", income: 0n, expenses: 1_500n, count: 1 }],
      names,
      NOW,
      "USD",
    );
    expect(s.otherCurrencies[0].currentMonth.expenses).toBe("1500");
  });
});
