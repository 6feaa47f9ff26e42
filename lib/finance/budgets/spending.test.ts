import { describe, expect, it } from "vitest";
import { percentSpent, projectSpend, remaining, spendingFromNet } from "./spending";

describe("spending numbers", () => {
  it("turns net money out into spending and never below zero", () => {
    expect(spendingFromNet(-12_345n)).toBe(12_345n);
    expect(spendingFromNet(500n)).toBe(0n);
  });

  it("gives percent with one decimal, rounded down, and remaining that goes negative when over", () => {
    expect(percentSpent(8_750n, 10_000n)).toBe(87.5);
    expect(percentSpent(1n, 3n)).toBe(33.3);
    expect(percentSpent(15_000n, 10_000n)).toBe(150);
    // Rounded, not cut: 145.27 % reads 145.3 %.
    expect(percentSpent(14_527n, 10_000n)).toBe(145.3);
    expect(remaining(12_000n, 10_000n)).toBe(-2_000n);
  });
});

describe("projectSpend", () => {
  it("is spent / days elapsed × days in period", () => {
    // 150.00 in 15 of 30 days → 300.00.
    expect(projectSpend(15_000n, 15, 30)).toBe(30_000n);
    // 100.00 in 3 of 7 days → 233.333… → 233.33.
    expect(projectSpend(10_000n, 3, 7)).toBe(23_333n);
  });

  it("rounds half a cent up", () => {
    // 0.01 in 2 of 3 days → 0.015 → 0.02.
    expect(projectSpend(1n, 2, 3)).toBe(2n);
  });

  it("is the spend itself on the last day, and unknown before the period starts", () => {
    expect(projectSpend(4_242n, 29, 29)).toBe(4_242n);
    expect(projectSpend(4_242n, 0, 29)).toBeNull();
  });
});
