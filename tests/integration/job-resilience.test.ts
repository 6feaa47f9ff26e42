import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { hitRateLimit, resetRateLimitStore } from "../../lib/http/rate-limit";
import { cleanExpiredInsights } from "../../lib/maintenance/clean-old-insights";
import { cleanOldJobs } from "../../lib/maintenance/clean-old-jobs";
import { QUEUE } from "../../lib/jobs/job-names";
import { closeQueues, getQueue } from "../../lib/queue/queues";
import { startWorker } from "../../lib/worker/start-worker";
import { getSummary } from "../../lib/summary/get-summary";
import { createTransaction } from "../../lib/transactions/transactions";
import { startFakeUpstash } from "../helpers/fake-upstash";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { connectPg } from "../helpers/pg";
import { spawnWorker } from "../helpers/worker-process";

let env: IntegrationEnv;
let pgClient: pg.Client;

// Locks last 5% of their production length here (financial-summary: 1.5 s), so a killed
// worker's job is seen as stalled within seconds.
beforeAll(async () => {
  env = await setupIntegration("resilience", { WORKER_LOCK_DURATION_FACTOR: "0.05" });
  pgClient = await connectPg(env.databaseUrl);
});

afterAll(async () => {
  await pgClient?.end();
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);

describe("a worker killed mid-job", () => {
  it("loses nothing: another worker takes the stalled job and finishes it once", async () => {
    const killed = spawnWorker({ WORKER_QUEUES: QUEUE.financialSummary });
    await waitFor("the worker to be ready", async () => killed.output().includes("[worker] ready"), 30_000);
    const user = await createUser("sigkill");

    await pgClient.query("BEGIN");
    await pgClient.query('LOCK TABLE "FinancialSummary" IN ACCESS EXCLUSIVE MODE');
    let jobId: string;
    try {
      jobId = (await createTransaction(user.id, { date: today, description: "Rent", amount: -150000n })).jobId;
      await waitFor("the job to be running", async () => (await db().backgroundJob.findUnique({ where: { id: jobId } }))?.status === "running");
      killed.child.kill("SIGKILL");
      expect(await killed.exited).toBeNull();
    } finally {
      await pgClient.query("COMMIT");
    }

    const rescuer = await startWorker({ queues: [QUEUE.financialSummary] });
    try {
      const done = await waitForJob(jobId!, ["completed"], 30_000);
      expect(done.attempts).toBe(2);
    } finally {
      await rescuer.stop();
    }
    const summary = await getSummary(user.id);
    expect(summary.currentMonth.expenses).toBe("1500.00");
    // Finished once: one completed run, and no second run was requested for the same change.
    expect(await db().backgroundJob.count({ where: { userId: user.id, type: QUEUE.financialSummary } })).toBe(1);
  });
});

describe("repeatable schedules", () => {
  it("are registered once across worker restarts and replaced when their time zone changes", async () => {
    // data-cleanup shares its Bull queue with the other scheduled types: its own schedule is the one named for it.
    const repeatables = async () => (await getQueue(QUEUE.dataCleanup).getRepeatableJobs()).filter((job) => job.name === QUEUE.dataCleanup);
    for (let i = 0; i < 2; i++) {
      const worker = await startWorker({ queues: [QUEUE.dataCleanup] });
      await worker.stop();
    }
    expect(await repeatables()).toEqual([expect.objectContaining({ cron: "0 4 * * *", tz: "UTC" })]);

    process.env.SCHEDULE_TIMEZONE = "Europe/Berlin";
    resetEnvCache();
    try {
      const worker = await startWorker({ queues: [QUEUE.dataCleanup] });
      await worker.stop();
      const after = await repeatables();
      expect(after).toHaveLength(1);
      expect(after[0].tz).toBe("Europe/Berlin");
    } finally {
      delete process.env.SCHEDULE_TIMEZONE;
      resetEnvCache();
      await closeQueues();
    }
  });
});

describe("retention (data-cleanup)", () => {
  it("drops completed jobs after a day and failed ones after a week, with their logs", async () => {
    const user = await createUser("retention");
    const hours = (n: number) => new Date(Date.now() - n * 3600_000);
    const make = (status: "completed" | "failed" | "cancelled" | "running", finishedAt: Date | null) =>
      db().backgroundJob.create({
        data: { type: QUEUE.notification, userId: user.id, status, finishedAt, payload: {}, logs: { create: [{ level: "info", message: "x" }] } },
      });
    const oldDone = await make("completed", hours(25));
    const newDone = await make("completed", hours(23));
    const oldFailed = await make("failed", hours(24 * 8));
    const newFailed = await make("failed", hours(24 * 6));
    const oldCancelled = await make("cancelled", hours(24 * 8));
    const running = await make("running", null);

    const report = await cleanOldJobs();
    expect(report).toMatchObject({ completedRows: 1, failedRows: 2 });
    const left = (await db().backgroundJob.findMany({ where: { userId: user.id } })).map((j) => j.id).sort();
    expect(left).toEqual([newDone.id, newFailed.id, running.id].sort());
    expect(await db().jobLog.count({ where: { jobId: { in: [oldDone.id, oldFailed.id, oldCancelled.id] } } })).toBe(0);
    expect(await db().jobLog.count({ where: { jobId: newDone.id } })).toBe(1);
  });

  it("deletes insights a month past their expiry, dismissed or not, and keeps the rest", async () => {
    const user = await createUser("insights");
    const days = (n: number) => new Date(Date.now() - n * 24 * 3600 * 1000);
    const make = (key: string, expiresAt: Date | null, dismissedAt: Date | null = null) =>
      db().insight.create({
        data: { userId: user.id, type: "spending_spike", severity: "warning", title: key, body: key, data: {}, dedupeKey: key, expiresAt, dismissedAt },
      });
    await make("long-expired", days(31));
    await make("long-expired-dismissed", days(40), days(45));
    await make("just-expired-dismissed", days(3), days(10));
    await make("current", days(-5));
    await make("no-expiry", null);

    expect(await cleanExpiredInsights()).toBe(2);
    const left = (await db().insight.findMany({ where: { userId: user.id } })).map((i) => i.dedupeKey).sort();
    expect(left).toEqual(["current", "just-expired-dismissed", "no-expiry"]);
  });
});

describe("rate limits", () => {
  it("allow the limit, then answer with the time to wait", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit("enqueue", "user-a", 3, 10_000));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3].retryAfterMs).toBeGreaterThan(0);
    expect(results[3].retryAfterMs).toBeLessThanOrEqual(10_000);
    expect((await hitRateLimit("enqueue", "user-b", 3, 10_000)).allowed).toBe(true);
  });

  it("are shared between instances, over TCP and over Upstash's REST API", async () => {
    const upstash = await startFakeUpstash(env.redisUrl, "rest-token");
    try {
      // Instance 1 on the Bull Redis connection, instance 2 through the REST endpoint.
      expect((await hitRateLimit("shared", "user-c", 2)).allowed).toBe(true);
      Object.assign(process.env, { UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: "rest-token" });
      resetEnvCache();
      resetRateLimitStore();
      expect((await hitRateLimit("shared", "user-c", 2)).allowed).toBe(true);
      const third = await hitRateLimit("shared", "user-c", 2);
      expect(third.allowed).toBe(false);
      expect(upstash.requests).toBe(2);
    } finally {
      delete process.env.UPSTASH_REDIS_REST_URL;
      delete process.env.UPSTASH_REDIS_REST_TOKEN;
      resetEnvCache();
      resetRateLimitStore();
      await upstash.close();
    }
  });

  it("let requests through when the store is unreachable", async () => {
    Object.assign(process.env, { UPSTASH_REDIS_REST_URL: "http://127.0.0.1:9", UPSTASH_REDIS_REST_TOKEN: "x" });
    resetEnvCache();
    resetRateLimitStore();
    try {
      expect((await hitRateLimit("down", "user-d", 1)).allowed).toBe(true);
      expect((await hitRateLimit("down", "user-d", 1)).allowed).toBe(true);
    } finally {
      delete process.env.UPSTASH_REDIS_REST_URL;
      delete process.env.UPSTASH_REDIS_REST_TOKEN;
      resetEnvCache();
      resetRateLimitStore();
    }
  });
});
