import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_QUEUES } from "../../lib/jobs/job-names";
import { beat } from "../../lib/queue/heartbeat";
import { queueOverview } from "../../lib/queue/monitor";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// The admin's queue table: every job type has a processor in the code now, so a row shows as
// idle when no live worker serves its queue (heartbeats name the queues a worker serves).

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("queue-monitor");
});

afterAll(async () => {
  await env?.teardown();
});

describe("queueOverview", () => {
  it("lists every job type and marks the ones no live worker serves", async () => {
    const before = await queueOverview(ALL_QUEUES);
    expect(before.queues.map((q) => q.name)).toEqual([...ALL_QUEUES]);
    expect(before.queues.every((q) => !q.hasProcessor)).toBe(true);

    await beat(["csv-import", "forecast-compute"], 10_000);
    const after = await queueOverview(ALL_QUEUES);
    expect(after.workers).toHaveLength(1);
    expect(after.queues.filter((q) => q.hasProcessor).map((q) => q.name)).toEqual(["csv-import", "forecast-compute"]);
  });
});
