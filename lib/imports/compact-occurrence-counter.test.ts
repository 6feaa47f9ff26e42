import { describe, expect, it } from "vitest";
import { OccurrenceCounter } from "../finance/csv";
import { CompactOccurrenceCounter } from "./compact-occurrence-counter";

describe("CompactOccurrenceCounter", () => {
  it("numbers identical rows exactly as OccurrenceCounter does, across growth", () => {
    const reference = new OccurrenceCounter();
    const compact = new CompactOccurrenceCounter();
    const seen: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // Many repeats (every key appears up to 7 times), descriptions that differ only in case
      // and spacing (the same key), and negative amounts.
      const k = i % 7_001;
      const row = {
        date: `2024-01-${String((k % 28) + 1).padStart(2, "0")}`,
        amountMinor: BigInt((k % 500) - 250),
        description: i % 2 ? `Coffee  Shop ${k}` : `COFFEE SHOP ${k}`,
      };
      const expected = reference.next(row);
      expect(compact.next(row)).toBe(expected);
      seen.push(expected);
    }
    expect(Math.max(...seen)).toBe(7);
  });

  it("tells 500,000 distinct, near-identical rows apart (no 64-bit clash)", () => {
    const compact = new CompactOccurrenceCounter();
    let repeats = 0;
    for (let i = 0; i < 500_000; i++) {
      const occurrence = compact.nextNormalized(`2024-01-${String((i % 28) + 1).padStart(2, "0")}`, BigInt(-(i % 997)), `amazon mktp ref ${i}`);
      if (occurrence !== 0) repeats++;
    }
    expect(repeats).toBe(0);
  });
});
