import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "../../lib/db";
import { JOB_QUEUE } from "../../lib/jobs/job-names";
import { createJobRow } from "../../lib/queue/background-jobs";
import { defineJob } from "../../lib/queue/define-job";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { routeJobTypes } from "../../lib/queue/queue-routes";
import { getQueue } from "../../lib/queue/queues";
import { runWorker, type RunningWorker } from "../../lib/queue/worker";
import { getRedis } from "../../lib/redis";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";

// Job types share Bull queues (lib/jobs/job-names.ts JOB_QUEUE). Two test types on one queue:
// each keeps its own concurrency and its own lock duration, and a job of a type the worker
// does not run is handed back, not failed.

const SHARED = "shared-test";
const running: Record<string, number> = { "slow-one": 0, "quick-two": 0 };
const peak: Record<string, number> = { "slow-one": 0, "quick-two": 0 };
const lockTtls: Record<string, number[]> = { "slow-one": [], "quick-two": [] };

function testJob(name: "slow-one" | "quick-two", concurrency: number, lockDurationMs: number) {
  return defineJob({
    name,
    payload: z.object({ userId: z.string() }),
    concurrency,
    lockDurationMs,
    async process(_payload, ctx) {
      running[name]++;
      peak[name] = Math.max(peak[name], running[name]);
      // The Bull job id is the row id (the test adds them so, as dispatchJob does).
      lockTtls[name].push(await getRedis().pttl(`${getQueue(name).toKey(ctx.jobId)}:lock`));
      await new Promise((r) => setTimeout(r, 600));
      running[name]--;
      return { result: null, message: "done" };
    },
  });
}

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("shared-queue");
  routeJobTypes({ ...JOB_QUEUE, "slow-one": SHARED, "quick-two": SHARED, "not-here": SHARED });
  worker = await runWorker([testJob("slow-one", 1, 40_000), testJob("quick-two", 3, 8_000)], async () => undefined);
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function createRow(type: string, userId: string) {
  return db().$transaction((tx) => createJobRow(tx, { type, userId, payload: { userId } }));
}

async function requestOne(type: string, userId: string) {
  const row = await createRow(type, userId);
  await dispatchJob({ id: row.id, type, userId, runAfter: row.runAfter });
  return row.id;
}

describe("job types sharing one Bull queue", () => {
  it("each runs at most its own concurrency, under a lock of its own duration", async () => {
    const user = await createUser("shared");
    // In one batch, so that the queue's four fetch loops (1 + 3) find more jobs than either
    // type may run: without the type's slots, four quick-two jobs would run at once.
    const runBatch = async (type: "slow-one" | "quick-two", count: number) => {
      const rows = [];
      for (let i = 0; i < count; i++) rows.push(await createRow(type, user.id));
      await getQueue(SHARED).addBulk(rows.map((row) => ({ name: type, data: { backgroundJobId: row.id, userId: user.id }, opts: { jobId: row.id } })));
      await Promise.all(rows.map((row) => waitForJob(row.id)));
    };
    await runBatch("quick-two", 8);
    await runBatch("slow-one", 3);

    expect(peak["quick-two"]).toBe(3);
    expect(peak["slow-one"]).toBe(1);
    // The fetch takes the queue's shortest lock (8 s); the slow type's is held at its own 40 s.
    expect(Math.min(...lockTtls["slow-one"])).toBeGreaterThan(20_000);
    expect(Math.max(...lockTtls["quick-two"])).toBeLessThanOrEqual(8_000);
  });

  it("hands back a job of a type this worker does not run, leaving its row pending", async () => {
    const user = await createUser("unserved");
    const id = await requestOne("not-here", user.id);
    const queue = getQueue(SHARED);
    let handedBack = null;
    for (let i = 0; i < 50 && !handedBack; i++) {
      await new Promise((r) => setTimeout(r, 100));
      handedBack = (await queue.getDelayed()).find((job) => job.data.backgroundJobId === id) ?? null;
    }
    expect(handedBack?.name).toBe("not-here");
    expect((await db().backgroundJob.findUniqueOrThrow({ where: { id } })).status).toBe("pending");
  });
});
