import { describe, expect, it } from "vitest";
import { WriteBatcher } from "./write-batcher";

interface Item {
  id: string;
  value: number;
}

function recordingBatcher(maxBatch?: number, fail?: (items: Item[]) => boolean) {
  const batches: Item[][] = [];
  const batcher = new WriteBatcher<Item, number>(
    (item) => item.id,
    async (items) => {
      batches.push(items);
      if (fail?.(items)) throw new Error("statement failed");
      return new Map(items.filter((i) => i.value >= 0).map((i) => [i.id, i.value * 10]));
    },
    maxBatch,
  );
  return { batcher, batches };
}

describe("WriteBatcher", () => {
  it("writes the calls of one turn of the event loop as one batch, each caller getting its own result", async () => {
    const { batcher, batches } = recordingBatcher();
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add({ id: `j${n}`, value: n })));
    expect(results).toEqual([10, 20, 30]);
    expect(batches.map((b) => b.map((i) => i.id))).toEqual([["j1", "j2", "j3"]]);
  });

  it("resolves undefined for an item the statement did not touch", async () => {
    const { batcher } = recordingBatcher();
    const [touched, untouched] = await Promise.all([batcher.add({ id: "a", value: 1 }), batcher.add({ id: "b", value: -1 })]);
    expect(touched).toBe(10);
    expect(untouched).toBeUndefined();
  });

  it("never puts one key twice in a statement: the second call goes in a later batch", async () => {
    const { batcher, batches } = recordingBatcher();
    const results = await Promise.all([
      batcher.add({ id: "same", value: 1 }),
      batcher.add({ id: "other", value: 2 }),
      batcher.add({ id: "same", value: 3 }),
    ]);
    expect(results).toEqual([10, 20, 30]);
    expect(batches.map((b) => b.map((i) => `${i.id}:${i.value}`))).toEqual([["same:1", "other:2"], ["same:3"]]);
  });

  it("splits at the maximum batch size and writes every item", async () => {
    const { batcher, batches } = recordingBatcher(2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add({ id: `j${n}`, value: n })));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it("rejects every caller of a failed batch and keeps working for the next", async () => {
    const { batcher } = recordingBatcher(undefined, (items) => items.some((i) => i.id === "bad"));
    const outcomes = await Promise.allSettled([batcher.add({ id: "bad", value: 1 }), batcher.add({ id: "ok", value: 2 })]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    await expect(batcher.add({ id: "ok", value: 2 })).resolves.toBe(20);
  });

  it("writes a call made while a batch is in flight in the next batch", async () => {
    const { batcher, batches } = recordingBatcher();
    const first = batcher.add({ id: "a", value: 1 });
    await new Promise((r) => setImmediate(r));
    const second = batcher.add({ id: "a", value: 2 });
    expect(await Promise.all([first, second])).toEqual([10, 20]);
    expect(batches).toHaveLength(2);
  });
});
