import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { getQueue } from "../../lib/queue/queues";
import { getRedis } from "../../lib/redis";
import { reconcileJobs } from "../../lib/worker/reconcile-jobs";
import { startWorker } from "../../lib/worker/start-worker";
import { getSummary } from "../../lib/summary/get-summary";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { freePort, TestRedisServer } from "../helpers/redis-server";

let env: IntegrationEnv;
let redis: TestRedisServer;

beforeAll(async () => {
  redis = new TestRedisServer(await freePort());
  await redis.start();
  env = await setupIntegration("outbox", { REDIS_URL: redis.url, ENQUEUE_TIMEOUT_MS: "500" });
});

afterAll(async () => {
  await env?.teardown();
  await redis?.stop();
});

const today = new Date().toISOString().slice(0, 10);

describe("Redis down when a change is saved", () => {
  it("keeps the change, and the reconciler queues the job once Redis is back", async () => {
    const user = await createUser("outbox");
    await redis.stop();

    const started = Date.now();
    const { transaction, jobId } = await createTransaction(user.id, { date: today, description: "Groceries", amount: -4599n });
    expect(Date.now() - started).toBeLessThan(3000);

    // The data and the outbox row are saved; the job has not reached Redis.
    expect(await db().transaction.count({ where: { id: transaction.id } })).toBe(1);
    const row = await db().backgroundJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ status: "pending", enqueuedAt: null });

    await redis.start();
    await reconcileJobs({ pendingAfterMs: 0 });
    // Either the request's own add, held in ioredis's offline queue, went through on
    // reconnect, or the reconciler added it: the job is in Redis exactly once.
    expect(await getQueue(QUEUE.financialSummary).getJob(jobId)).not.toBeNull();

    const worker = await startWorker();
    try {
      await waitForJob(jobId);
    } finally {
      await worker.stop();
    }
    const summary = await getSummary(user.id);
    expect(summary.currentMonth.expenses).toBe("45.99");

    // Nothing is left to re-queue, and a second pass adds nothing twice.
    expect((await reconcileJobs({ pendingAfterMs: 0 })).requeued).toBe(0);
    // One summary run, and the transfer-matching run the same change requested.
    const runs = await db().backgroundJob.groupBy({ by: ["type"], where: { userId: user.id }, _count: true });
    expect(Object.fromEntries(runs.map((r) => [r.type, r._count]))).toEqual({ "financial-summary": 1, "transfer-matching": 1 });
  });

  it("re-adds a pending job that Redis lost", async () => {
    const user = await createUser("lost");
    const { jobId } = await createTransaction(user.id, { date: today, description: "Fuel", amount: -6000n });
    expect(await getQueue(QUEUE.financialSummary).getJob(jobId)).not.toBeNull();
    // A Redis restart without persistence (or an eviction) loses the queued job.
    await getRedis().flushall();
    // The reconciler only looks at rows whose start time (the debounce) has passed.
    await new Promise((r) => setTimeout(r, 100));

    const report = await reconcileJobs({ pendingAfterMs: 0 });
    // The summary run and the change's transfer-matching run.
    expect(report.requeued).toBe(2);
    const worker = await startWorker();
    try {
      await waitForJob(jobId);
    } finally {
      await worker.stop();
    }
    expect((await getSummary(user.id)).currentMonth.expenses).toBe("60.00");
    expect((await reconcileJobs({ pendingAfterMs: 0 })).requeued).toBe(0);
  });

  it("promotes an overdue job still waiting in Bull's delayed set (its wake-up was lost)", async () => {
    const user = await createUser("overdue");
    const { jobId } = await createTransaction(user.id, { date: today, description: "Tea", amount: -350n });
    const queue = getQueue(QUEUE.financialSummary);
    // As after a Redis outage that swallowed the delayed set's wake-up: the job sits delayed
    // far past the row's start time, where only Bull's 15-minute guard would find it.
    await (await queue.getJob(jobId))!.remove();
    await queue.add(QUEUE.financialSummary, { backgroundJobId: jobId, userId: user.id }, { jobId, delay: 3_600_000 });
    expect(await (await queue.getJob(jobId))!.getState()).toBe("delayed");
    await new Promise((r) => setTimeout(r, 100));

    await reconcileJobs({ pendingAfterMs: 0 });
    expect(await (await queue.getJob(jobId))!.getState()).toBe("waiting");
    const worker = await startWorker();
    try {
      await waitForJob(jobId);
    } finally {
      await worker.stop();
    }
    expect((await getSummary(user.id)).currentMonth.expenses).toBe("3.50");
  });

  it("requests a summary for a user whose change left no job at all", async () => {
    const user = await createUser("stale");
    // A change written without its outbox row (e.g. by hand in SQL): the version moves on.
    await db().user.update({ where: { id: user.id }, data: { dataVersion: { increment: 1 }, dataChangedAt: new Date(0) } });
    const report = await reconcileJobs({ pendingAfterMs: 0 });
    expect(report.summariesRequested).toBe(1);
    const job = await db().backgroundJob.findFirstOrThrow({ where: { userId: user.id } });
    const worker = await startWorker();
    try {
      await waitForJob(job.id);
    } finally {
      await worker.stop();
    }
    const stored = await db().financialSummary.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.sourceVersion).toBe(1n);
    expect((await reconcileJobs({ pendingAfterMs: 0 })).summariesRequested).toBe(0);
  });
});
