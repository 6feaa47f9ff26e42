import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { getJobForUser } from "../../lib/queue/job-view";
import { reconcileJobs } from "../../lib/worker/reconcile-jobs";
import { recomputeSummary } from "../../lib/summary/compute-summary";
import { getSummary } from "../../lib/summary/get-summary";
import { QUEUE } from "../../lib/jobs/job-names";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Defect 3 of issue 10: a summary that cannot be computed must not break the dashboard in
// silence, leak driver text, or be re-requested by the reconciler forever.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("summary-integrity", { SUMMARY_FAILURE_BACKOFF_MS: "600000" });
});

afterAll(async () => {
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);
const PRISMA_TEXT = "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `22003`. Message: `bigint out of range`";

async function failedSummaryRun(userId: string, finishedAt: Date) {
  return db().backgroundJob.create({
    data: { userId, type: QUEUE.financialSummary, status: "failed", error: PRISMA_TEXT, attempts: 3, finishedAt },
  });
}

describe("sums over many large amounts", () => {
  it("are exact past bigint's range instead of failing the job", async () => {
    const user = await createUser("overflow");
    // 100 amounts of -999,999,999,999,999.99 (the importer's old 15-digit bound) add up to
    // 10^19 minor units, past bigint's 9.22 × 10^18.
    await db().transaction.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        userId: user.id,
        date: new Date(`${today}T00:00:00Z`),
        description: `mis-mapped ${i}`,
        amountMinor: -99_999_999_999_999_999n,
      })),
    });
    await db().user.update({ where: { id: user.id }, data: { dataVersion: 1 } });

    const outcome = await recomputeSummary(user.id, null);
    expect(outcome.computed).toBe(true);
    const summary = await getSummary(user.id);
    expect(summary.currentMonth.expenses).toBe("99999999999999999.00");
    expect(summary.failure).toBeNull();
  });
});

describe("a failed recompute", () => {
  it("leaves the last good summary with the reason in words, never the driver's text", async () => {
    const user = await createUser("failing");
    await db().transaction.create({
      data: { userId: user.id, date: new Date(`${today}T00:00:00Z`), description: "Pay", amountMinor: 250000n },
    });
    await db().user.update({ where: { id: user.id }, data: { dataVersion: 1 } });
    await recomputeSummary(user.id, null);
    const failed = await failedSummaryRun(user.id, new Date(Date.now() + 1000));

    const summary = await getSummary(user.id);
    expect(summary.currentMonth.income).toBe("2500.00");
    expect(summary.failure?.jobId).toBe(failed.id);
    expect(summary.failure?.error).toMatch(/too large to compute/);
    expect(summary.failure?.error).not.toMatch(/prisma|invocation|22003|bigint/i);

    const job = await getJobForUser({ id: user.id, role: "USER" }, failed.id);
    expect(job.error).toBe(summary.failure?.error);
  });

  it("shows the failure when no summary was ever computed (not an empty dashboard)", async () => {
    const user = await createUser("never");
    await failedSummaryRun(user.id, new Date());
    const summary = await getSummary(user.id);
    expect(summary.computedAt).toBeNull();
    expect(summary.failure?.error).toMatch(/too large to compute/);
  });

  it("is forgotten once a later recompute succeeds", async () => {
    const user = await createUser("recovered");
    await failedSummaryRun(user.id, new Date(Date.now() - 60_000));
    await db().user.update({ where: { id: user.id }, data: { dataVersion: 1 } });
    await recomputeSummary(user.id, null);
    expect((await getSummary(user.id)).failure).toBeNull();
  });
});

describe("the reconciler", () => {
  async function staleUser(name: string) {
    const user = await createUser(name);
    await db().user.update({
      where: { id: user.id },
      data: { dataVersion: 2, dataChangedAt: new Date(Date.now() - 3_600_000) },
    });
    return user;
  }
  const requested = async (userId: string) =>
    db().backgroundJob.count({ where: { userId, type: QUEUE.financialSummary, status: "pending" } });

  it("backs off a user whose summary keeps failing, doubling per failure", async () => {
    const user = await staleUser("backoff");
    // Three failures, the last 30 minutes ago: the wait is 10 min × 2^2 = 40 min.
    for (const minutesAgo of [50, 40, 30]) await failedSummaryRun(user.id, new Date(Date.now() - minutesAgo * 60_000));
    await reconcileJobs({ pendingAfterMs: 1000 });
    expect(await requested(user.id)).toBe(0);

    await db().backgroundJob.updateMany({
      where: { userId: user.id, status: "failed" },
      data: { finishedAt: new Date(Date.now() - 41 * 60_000) },
    });
    await reconcileJobs({ pendingAfterMs: 1000 });
    expect(await requested(user.id)).toBe(1);
  });

  it("still requests a stale summary for a user without failures", async () => {
    const user = await staleUser("healthy");
    await reconcileJobs({ pendingAfterMs: 1000 });
    expect(await requested(user.id)).toBe(1);
  });
});
