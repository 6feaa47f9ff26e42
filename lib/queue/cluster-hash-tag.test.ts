import calculateSlot from "cluster-key-slot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { appKey } from "../redis";
import { routeJobTypes } from "./queue-routes";
import { closeQueues, getQueue } from "./queues";

// On a Redis Cluster a Lua script may only touch keys of one hash slot (else CROSSSLOT).
// Bull's scripts touch several keys of a queue at once (wait, active, delayed, the job hash,
// its lock…), and Redis hashes only the part inside {…} when a key has one. So with
// BULL_PREFIX={tally} every key of every queue, and our own keys, share one slot.
// No connection is opened: getQueue connects lazily.

beforeAll(() => {
  process.env.BULL_PREFIX = "{tally}";
  routeJobTypes({ "financial-summary": "user-data" });
  // env() needs one; nothing connects to it.
  process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1:1/unused";
  resetEnvCache();
});

afterAll(async () => {
  await closeQueues();
  delete process.env.BULL_PREFIX;
  resetEnvCache();
});

function queueKeys(prefix: string): string[] {
  const queue = getQueue("financial-summary") as unknown as { keys: Record<string, string>; toKey(s: string): string };
  expect(queue.toKey("")).toContain(prefix);
  // A job's hash, lock and logs are built from toKey(jobId).
  return [...Object.values(queue.keys), `${queue.toKey("42")}`, `${queue.toKey("42")}:lock`, `${queue.toKey("42")}:logs`];
}

describe("BULL_PREFIX hash tag", () => {
  it("puts every Bull key of a queue and our own keys in one cluster slot", () => {
    const keys = [...queueKeys("{tally}"), appKey("worker", "host:1"), appKey("worker-last-heartbeat")];
    const slots = new Set(keys.map((key) => calculateSlot(key)));
    expect(keys.length).toBeGreaterThan(15);
    expect(slots).toEqual(new Set([calculateSlot("tally")]));
  });

  it("spreads the keys of an untagged prefix over several slots (why the tag is needed)", () => {
    const keys = queueKeys("{tally}").map((key) => key.replace("{tally}", "bull"));
    expect(new Set(keys.map((key) => calculateSlot(key))).size).toBeGreaterThan(1);
  });
});
