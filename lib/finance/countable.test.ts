import { describe, expect, it } from "vitest";
import { countsAs, incomeOf, spendingOf } from "./countable";

describe("the counting rule", () => {
  it("treats a paired transfer as neither income nor spending, whatever its category", () => {
    const inflow = { amountMinor: 50_000n, categoryKind: null, transferPeerId: "t2" } as const;
    expect(countsAs(inflow)).toBe("transfer");
    expect(incomeOf(inflow)).toBe(0n);
    expect(spendingOf(inflow)).toBe(0n);
    expect(countsAs({ amountMinor: -80_000n, categoryKind: "expense", transferPeerId: "t9" })).toBe("transfer");
  });

  it("treats a row in a Transfers category (a one-sided transfer) as a transfer", () => {
    const zelleRent = { amountMinor: -210_000n, categoryKind: "transfer" } as const;
    expect(countsAs(zelleRent)).toBe("transfer");
    expect(spendingOf(zelleRent)).toBe(0n);
  });

  it("counts money in that is uncategorized or in an income category as income", () => {
    expect(incomeOf({ amountMinor: 400_000n, categoryKind: null })).toBe(400_000n);
    expect(incomeOf({ amountMinor: 400_000n, categoryKind: "income" })).toBe(400_000n);
  });

  it("counts money in within an expense category as a refund that lowers its spending, not income", () => {
    const refund = { amountMinor: 3_999n, categoryKind: "expense" } as const;
    expect(countsAs(refund)).toBe("spending");
    expect(incomeOf(refund)).toBe(0n);
    expect(spendingOf(refund)).toBe(-3_999n);
  });

  it("counts money out as spending of its category, uncategorized included", () => {
    expect(spendingOf({ amountMinor: -1_250n, categoryKind: "expense" })).toBe(1_250n);
    expect(spendingOf({ amountMinor: -1_250n, categoryKind: null })).toBe(1_250n);
  });
});
