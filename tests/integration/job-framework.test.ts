import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { PermanentJobError } from "../../lib/errors";
import { createJobRow } from "../../lib/queue/background-jobs";
import { ALL_QUEUES } from "../../lib/jobs/job-names";
import { cancelJob, listJobLogs, listJobs, retryJob } from "../../lib/queue/job-actions";
import type { JobContext } from "../../lib/queue/job-context";
import { faultKey } from "../../lib/queue/fault-injection";
import { getQueue } from "../../lib/queue/queues";
import { getRedis } from "../../lib/redis";
import { reconcileJobs } from "../../lib/worker/reconcile-jobs";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { enqueueTestJob, serveTestQueue, TEST_QUEUE } from "../helpers/test-queue";

let env: IntegrationEnv;

// What the test processor does, per job id: a script of outcomes by attempt.
type Behaviour = (payload: { behaviour?: string; items?: number }, ctx: JobContext) => Promise<{ result: unknown; message: string }>;
const behaviours: Record<string, Behaviour> = {
  ok: async () => ({ result: { done: true }, message: "Done" }),
  "fail-twice": async (_p, ctx) => {
    if (ctx.attempt < 3) throw new Error(`transient failure on attempt ${ctx.attempt}`);
    return { result: { attempt: ctx.attempt }, message: "Done on the third attempt" };
  },
  "always-fail": async () => {
    throw new Error("the bank's server answered 503");
  },
  permanent: async () => {
    throw new PermanentJobError("record gone");
  },
  count: async (_p, ctx) => {
    runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 100));
    return { result: { runs: runs.get(ctx.jobId) }, message: "Counted" };
  },
  items: async (p, ctx) => {
    const total = p.items ?? 10;
    for (let i = 1; i <= total; i++) {
      await ctx.throwIfCancelled();
      if (i % 4 === 0) ctx.itemFailed(`item-${i}`, "not a number");
      else ctx.itemDone();
      await ctx.progress((i / total) * 100, `Working on item ${i}/${total}…`);
      await new Promise((r) => setTimeout(r, 60));
    }
    await ctx.log("info", `processed ${total} items`);
    return { result: { total }, message: `Processed ${total} items` };
  },
};
const failOnce = new Set<string>();
// Runs of the "count" behaviour, per BackgroundJob id.
const runs = new Map<string, number>();

beforeAll(async () => {
  env = await setupIntegration("framework", { JOB_BACKOFF_MS: "200" });
  serveTestQueue(async (payload, ctx) => {
    const p = payload as { behaviour: string; items?: number; backgroundJobId: string };
    if (failOnce.delete(p.backgroundJobId)) throw new PermanentJobError("failing once for the retry test");
    return behaviours[p.behaviour](p, ctx);
  }, 2);
});

afterAll(async () => {
  await env?.teardown();
});

let user: { id: string; email: string };
beforeEach(async () => {
  user = await createUser("framework");
});

const me = () => ({ id: user.id, role: "USER" });

describe("retries", () => {
  it("retries a transient failure with exponential backoff and completes", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "fail-twice" });
    await waitFor("the first failure", async () => {
      const j = await db().backgroundJob.findUnique({ where: { id: row.id } });
      return j?.status === "pending" && j.error?.includes("attempt 1") ? j : null;
    });
    const done = await waitForJob(row.id);
    expect(done).toMatchObject({ status: "completed", attempts: 3, error: null, result: { attempt: 3 } });
    const bull = await getQueue(TEST_QUEUE).getJob(row.id);
    // Bull's own record of the attempts: two failures, then success (backoff 200 ms, 600 ms).
    expect(bull!.attemptsMade).toBe(2);
    expect(bull!.finishedOn! - bull!.timestamp).toBeGreaterThanOrEqual(800);
    const { logs } = await listJobLogs(me(), row.id);
    expect(logs.filter((l) => l.level === "error").map((l) => l.message)).toEqual([
      "attempt 1 failed: transient failure on attempt 1",
      "attempt 2 failed: transient failure on attempt 2",
    ]);
  });

  it("fails a job after its last attempt and keeps the error visible", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "always-fail" });
    const failed = await waitForJob(row.id, ["failed"]);
    expect(failed).toMatchObject({ attempts: 3, error: "the bank's server answered 503", message: "Failed" });
    expect(failed.finishedAt).not.toBeNull();
  });

  it("fails a permanent error at once, without retrying", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "permanent" });
    const failed = await waitForJob(row.id, ["failed"]);
    expect(failed).toMatchObject({ attempts: 1, error: "record gone" });
    await new Promise((r) => setTimeout(r, 500));
    expect((await db().backgroundJob.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
  });

  it("runs a failed job again when the user retries it", async () => {
    const first = await enqueueTestJob(user.id, { behaviour: "ok" });
    await waitForJob(first.id);
    const row = await enqueueTestJob(user.id, { behaviour: "ok" }, new Date(Date.now() + 300));
    failOnce.add(row.id);
    await waitForJob(row.id, ["failed"]);
    const retried = await retryJob(me(), row.id, ALL_QUEUES);
    // Queued again (the worker may already have picked it up).
    expect(["pending", "running", "completed"]).toContain(retried.status);
    expect(retried.error).toBeNull();
    const done = await waitForJob(row.id);
    expect(done).toMatchObject({ status: "completed", error: null, progress: 100 });
    await expect(retryJob(me(), row.id, ALL_QUEUES)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("claims and completions written together", () => {
  it("completes a burst of jobs, each exactly once, with its own result", async () => {
    const rows = await Promise.all(Array.from({ length: 12 }, () => enqueueTestJob(user.id, { behaviour: "count" })));
    const done = await Promise.all(rows.map((r) => waitForJob(r.id)));
    expect(done.map((j) => j.result)).toEqual(rows.map(() => ({ runs: 1 })));
    expect(done.every((j) => j.attempts === 1 && j.message === "Counted" && j.progress === 100)).toBe(true);
  });

  it("runs a row once when two Bull jobs for it start at the same moment", async () => {
    const row = await db().$transaction((tx) => createJobRow(tx, { type: TEST_QUEUE, userId: user.id, payload: { behaviour: "count" } }));
    await getQueue(TEST_QUEUE).addBulk([
      { name: TEST_QUEUE, data: { backgroundJobId: row.id }, opts: { jobId: row.id } },
      { name: TEST_QUEUE, data: { backgroundJobId: row.id }, opts: { jobId: `${row.id}-duplicate` } },
    ]);
    await waitForJob(row.id);
    await waitFor("both Bull jobs to finish", async () => {
      const [a, b] = await Promise.all([getQueue(TEST_QUEUE).getJob(row.id), getQueue(TEST_QUEUE).getJob(`${row.id}-duplicate`)]);
      return (await a?.isCompleted()) && (await b?.isCompleted());
    });
    expect(runs.get(row.id)).toBe(1);
    expect(await db().backgroundJob.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ attempts: 1, status: "completed" });
  });
});

describe("the fault-injection test hook", () => {
  it("does nothing unless JOB_FAULT_INJECTION is set", async () => {
    await getRedis().set(faultKey(TEST_QUEUE), "3");
    try {
      const row = await enqueueTestJob(user.id, { behaviour: "ok" });
      expect(await waitForJob(row.id)).toMatchObject({ attempts: 1, status: "completed" });
      expect(await getRedis().get(faultKey(TEST_QUEUE))).toBe("3");
    } finally {
      await getRedis().del(faultKey(TEST_QUEUE));
    }
  });
});

describe("progress, counts and cancel", () => {
  it("reports progress, messages and per-item errors without failing the job", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "items", items: 8 });
    const mid = await waitFor("progress in the middle", async () => {
      const j = await db().backgroundJob.findUnique({ where: { id: row.id } });
      return j && j.progress > 0 && j.progress < 100 ? j : null;
    });
    expect(mid.message).toMatch(/^Working on item \d\/8…$/);
    const done = await waitForJob(row.id);
    expect(done).toMatchObject({ processedCount: 6, errorCount: 2, errorDetails: { "item-4": "not a number", "item-8": "not a number" } });
    expect((await listJobLogs(me(), row.id)).logs.map((l) => l.message)).toContain("processed 8 items");
  });

  it("cancels a pending job before it runs", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "ok" }, new Date(Date.now() + 60_000));
    const cancelled = await cancelJob(me(), row.id);
    expect(cancelled.status).toBe("cancelled");
    expect(await getQueue(TEST_QUEUE).getJob(row.id)).toBeNull();
  });

  it("stops a running job at its next item when cancelled", async () => {
    const row = await enqueueTestJob(user.id, { behaviour: "items", items: 200 });
    await waitFor("the job to be running", async () => (await db().backgroundJob.findUnique({ where: { id: row.id } }))?.processedCount);
    const requested = await cancelJob(me(), row.id);
    expect(requested).toMatchObject({ status: "running", message: "Cancelling…" });
    const cancelled = await waitForJob(row.id, ["cancelled"]);
    expect(cancelled.processedCount).toBeLessThan(200);
    await expect(cancelJob(me(), row.id)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("scoping", () => {
  it("hides another user's job from list, logs, retry and cancel", async () => {
    const other = await createUser("other");
    const row = await enqueueTestJob(user.id, { behaviour: "ok" });
    await waitForJob(row.id);
    const stranger = { id: other.id, role: "USER" };
    await expect(listJobLogs(stranger, row.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(retryJob(stranger, row.id, ALL_QUEUES)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelJob(stranger, row.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listJobs(stranger, { limit: 10 })).jobs).toEqual([]);
    expect((await listJobs(me(), { limit: 10 })).jobs.map((j) => j.id)).toEqual([row.id]);
    const adminJobs = (await listJobs({ id: other.id, role: "ADMIN" }, { limit: 100 })).jobs;
    expect(adminJobs.map((j) => j.id)).toContain(row.id);
    // An admin sees whose job it is by e-mail; a user never sees an e-mail in their own list.
    expect(adminJobs.find((j) => j.id === row.id)?.userEmail).toBe(user.email);
    expect((await listJobs(me(), { limit: 10 })).jobs[0].userEmail).toBeNull();
    expect((await listJobs({ id: other.id, role: "ADMIN" }, { limit: 100, mine: true })).jobs).toEqual([]);
  });

  it("filters the list by status and type", async () => {
    const ok = await enqueueTestJob(user.id, { behaviour: "ok" });
    const bad = await enqueueTestJob(user.id, { behaviour: "permanent" });
    await waitForJob(ok.id);
    await waitForJob(bad.id, ["failed"]);
    expect((await listJobs(me(), { limit: 10, status: "failed" })).jobs.map((j) => j.id)).toEqual([bad.id]);
    expect((await listJobs(me(), { limit: 10, type: "financial-summary" })).jobs).toEqual([]);
  });
});

describe("the sweep", () => {
  it("queues again a running job whose Bull job is gone, and fails one out of attempts", async () => {
    const lost = await db().backgroundJob.create({
      data: { type: TEST_QUEUE, userId: user.id, status: "running", attempts: 1, payload: {}, updatedAt: new Date(0) },
    });
    await db().backgroundJob.update({ where: { id: lost.id }, data: { payload: { backgroundJobId: lost.id, behaviour: "ok" } } });
    const exhausted = await db().backgroundJob.create({
      data: { type: TEST_QUEUE, userId: user.id, status: "running", attempts: 3, payload: { behaviour: "ok" } },
    });
    // updatedAt is maintained by Prisma; age both rows past the sweep's grace period.
    await db().$executeRaw`UPDATE "BackgroundJob" SET "updatedAt" = now() - interval '10 minutes' WHERE id IN (${lost.id}, ${exhausted.id})`;

    const report = await reconcileJobs({ pendingAfterMs: 60_000 });
    expect(report.settled).toBe(2);
    expect((await waitForJob(lost.id)).attempts).toBe(2);
    expect(await db().backgroundJob.findUniqueOrThrow({ where: { id: exhausted.id } })).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/worker stopped/),
    });
  });
});
