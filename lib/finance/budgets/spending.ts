import { ratioPercent } from "../money";

// A budget's numbers, on integer minor units. Spending is net money out: a refund in the
// budget's category or from its merchant lowers it, and it never goes below zero.

/** Sum of the matched transactions' amounts (negative = money out) → spending ≥ 0. */
export function spendingFromNet(netMinor: bigint): bigint {
  return netMinor < 0n ? -netMinor : 0n;
}

/** spent / amount as a percentage with one decimal (rounded half away from zero), e.g. 87.5. */
export function percentSpent(spentMinor: bigint, amountMinor: bigint): number {
  if (amountMinor <= 0n) return 0;
  // Rounded to the nearest tenth (145.27 % is 145.3 %), never cut.
  return ratioPercent(spentMinor, amountMinor) ?? 0;
}

/** What is left (negative when over). */
export function remaining(spentMinor: bigint, amountMinor: bigint): bigint {
  return amountMinor - spentMinor;
}

/**
 * Projected spend for the whole period at the pace so far: spent / days elapsed × days in
 * the period, rounded to the nearest cent (half up). Null before the period has started.
 */
export function projectSpend(spentMinor: bigint, daysElapsed: number, daysInPeriod: number): bigint | null {
  if (daysElapsed <= 0 || daysInPeriod <= 0) return null;
  const numerator = spentMinor * BigInt(daysInPeriod) * 2n + BigInt(daysElapsed);
  return numerator / (BigInt(daysElapsed) * 2n);
}
