import { describe, expect, it } from "vitest";
import { DEMO_CATEGORIES, generateDemoTransactions } from "../../scripts/demo-transactions";

const TODAY = "2026-11-22";

function totals(rows: ReturnType<typeof generateDemoTransactions>) {
  let income = 0n;
  let expenses = 0n;
  for (const r of rows) {
    if (r.amountMinor > 0n) income += r.amountMinor;
    else expenses -= r.amountMinor;
  }
  return { income, expenses, savingsRate: Number(income - expenses) / Number(income) };
}

describe("generateDemoTransactions", () => {
  it("is deterministic for a fixed seed and date", () => {
    const a = generateDemoTransactions({ seed: 7, today: TODAY });
    const b = generateDemoTransactions({ seed: 7, today: TODAY });
    expect(b).toEqual(a);
    // A Date for the same local calendar day gives the same rows as the string.
    expect(generateDemoTransactions({ seed: 7, today: new Date(2026, 10, 22, 23, 59) })).toEqual(a);
  });

  it("differs between seeds", () => {
    const a = generateDemoTransactions({ seed: 1, today: TODAY });
    const b = generateDemoTransactions({ seed: 2, today: TODAY });
    expect(b).not.toEqual(a);
  });

  it("covers about six months ending today, sorted oldest first, a few hundred rows", () => {
    const rows = generateDemoTransactions({ seed: 42, today: TODAY });
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.length).toBeLessThanOrEqual(600);
    for (const r of rows) {
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.date > "2026-05-22").toBe(true);
      expect(r.date <= TODAY).toBe(true);
    }
    const dates = rows.map((r) => r.date);
    expect(dates).toEqual([...dates].sort());
    // Spans the whole period, not just part of it.
    expect(dates[0] <= "2026-05-31").toBe(true);
    expect(dates[dates.length - 1] >= "2026-11-15").toBe(true);
  });

  it("has well-formed rows: integer cents as bigint, known categories, bank-style text", () => {
    const rows = generateDemoTransactions({ seed: 42, today: TODAY });
    for (const r of rows) {
      expect(typeof r.amountMinor).toBe("bigint");
      expect(r.amountMinor).not.toBe(0n);
      expect(DEMO_CATEGORIES).toContain(r.category);
      expect(r.description.length).toBeGreaterThan(3);
    }
    const descriptions = rows.map((r) => r.description);
    expect(descriptions.some((d) => d.startsWith("ACME CORP PAYROLL"))).toBe(true);
    expect(descriptions.some((d) => d.startsWith("AMZN Mktp US*"))).toBe(true);
    expect(descriptions.some((d) => d.startsWith("SQ *"))).toBe(true);
  });

  it("has income and expenses with a plausible savings rate", () => {
    const rows = generateDemoTransactions({ seed: 42, today: TODAY });
    const { income, expenses, savingsRate } = totals(rows);
    expect(income).toBeGreaterThan(0n);
    expect(expenses).toBeGreaterThan(0n);
    expect(savingsRate).toBeGreaterThan(-0.2);
    expect(savingsRate).toBeLessThan(0.4);
  });

  it("has the recurring items: two paychecks a month, rent, subscriptions, and a refund", () => {
    const rows = generateDemoTransactions({ seed: 42, today: TODAY });
    const paychecks = rows.filter((r) => r.description.startsWith("ACME CORP PAYROLL"));
    expect(paychecks.length).toBeGreaterThanOrEqual(11);
    expect(paychecks.length).toBeLessThanOrEqual(13);
    const rent = rows.filter((r) => r.category === "Housing");
    expect(rent.length).toBe(6);
    expect(rows.filter((r) => r.description.startsWith("NETFLIX")).length).toBeGreaterThanOrEqual(5);
    const refunds = rows.filter((r) => r.amountMinor > 0n && r.category !== "Income");
    expect(refunds.length).toBeGreaterThanOrEqual(1);
    for (const refund of refunds) {
      // A refund gives back an earlier purchase with the same description and amount.
      expect(
        rows.some((r) => r.description === refund.description && r.amountMinor === -refund.amountMinor && r.date < refund.date),
      ).toBe(true);
    }
  });

  it("stays plausible across many seeds and end dates", () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const today of ["2024-02-29", "2025-12-31", "2026-07-15"]) {
        const rows = generateDemoTransactions({ seed, today });
        const { savingsRate } = totals(rows);
        expect(savingsRate).toBeGreaterThan(-0.2);
        expect(savingsRate).toBeLessThan(0.4);
        expect(rows[rows.length - 1].date <= today).toBe(true);
      }
    }
  });
});
