import { describe, expect, it } from "vitest";
import { createTypeSlots } from "./type-slots";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("createTypeSlots", () => {
  it("runs at most `limit` jobs at once and the rest in arrival order", async () => {
    const slots = createTypeSlots(2);
    let now = 0;
    let peak = 0;
    const order: number[] = [];
    const job = (n: number) =>
      slots.run(async () => {
        now++;
        peak = Math.max(peak, now);
        order.push(n);
        await tick();
        now--;
        return n;
      });
    const results = await Promise.all([1, 2, 3, 4, 5].map(job));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(slots.running()).toBe(0);
    expect(slots.waiting()).toBe(0);
  });

  it("frees the slot of a job that throws", async () => {
    const slots = createTypeSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(slots.run(async () => "next")).resolves.toBe("next");
    expect(slots.running()).toBe(0);
  });
});
