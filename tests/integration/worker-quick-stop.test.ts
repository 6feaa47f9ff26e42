import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUEUE } from "../../lib/jobs/job-names";
import { bullQueueOf } from "../../lib/queue/queue-routes";
import { getQueue } from "../../lib/queue/queues";
import { startWorker } from "../../lib/worker/start-worker";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// A worker stopped right after it starts (a SIGTERM during a deploy, a test's worker swapped
// for another) must not leave an unhandled rejection behind: Bull's process() names its
// blocking connection without handling the reply, and closing the connection first rejected
// it ("Connection is closed"), which made CI's vitest run fail with every test green.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("worker-quick-stop");
});

afterAll(async () => {
  await env?.teardown();
});

describe("a worker stopped as soon as it starts", () => {
  it("leaves no unhandled rejection, round after round", async () => {
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      for (let round = 0; round < 5; round++) {
        const worker = await startWorker({ queues: [QUEUE.receiptOcr, QUEUE.financialSummary] });
        await worker.stop();
        // A producer's queue left open by the web side, then a worker on it, stopped at once.
        await getQueue(bullQueueOf(QUEUE.receiptOcr)).getJobCounts();
        const next = await startWorker({ queues: [QUEUE.receiptOcr] });
        await next.stop();
      }
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.off("unhandledRejection", listener);
    }
    expect(unhandled.map((r) => (r instanceof Error ? r.message : String(r)))).toEqual([]);
  });
});
