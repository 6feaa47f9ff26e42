import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { getSummary } from "../../lib/summary/get-summary";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { connectPg } from "../helpers/pg";

let env: IntegrationEnv;
let worker: RunningWorker;
let pgClient: pg.Client;

beforeAll(async () => {
  env = await setupIntegration("coalesce", {
    // The production default: a loaded CI machine can take a few hundred ms between two writes
    // of one burst, which must not split it into many runs.
    SUMMARY_DEBOUNCE_MS: "1000",
    SUMMARY_MAX_WAIT_MS: "20000",
  });
  worker = await startWorker();
  pgClient = await connectPg(env.databaseUrl);
});

afterAll(async () => {
  await pgClient?.end();
  await worker?.stop();
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);

async function summaryRuns(userId: string) {
  return db().backgroundJob.findMany({
    where: { userId, type: QUEUE.financialSummary },
    orderBy: { createdAt: "asc" },
  });
}

async function settled(userId: string) {
  return waitFor("every summary run to finish", async () => {
    const runs = await summaryRuns(userId);
    return runs.length > 0 && runs.every((r) => r.status === "completed") ? runs : null;
  });
}

describe("coalescing summary recomputes", () => {
  it("turns a burst of 200 changes into one or two runs that end on the last change", async () => {
    const user = await createUser("burst");
    const CHANGES = 200;
    const CONCURRENCY = 10;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CHANGES) {
          next += 1;
          await createTransaction(user.id, { date: today, description: `burst ${next}`, amount: -100n });
        }
      }),
    );

    const runs = await settled(user.id);
    expect(runs.length).toBeLessThanOrEqual(2);
    expect(runs.reduce((sum, r) => sum + 1 + r.coalescedCount, 0)).toBe(CHANGES);

    const [summary, stored, fresh] = await Promise.all([
      getSummary(user.id),
      db().financialSummary.findUniqueOrThrow({ where: { userId: user.id } }),
      db().user.findUniqueOrThrow({ where: { id: user.id } }),
    ]);
    expect(summary.status).toBe("ready");
    expect(summary.transactionCount).toBe(CHANGES);
    expect(summary.currentMonth.expenses).toBe("200.00");
    expect(stored.sourceVersion).toBe(fresh.dataVersion);
  });

  it("runs once more after a change that lands while a recompute is running", async () => {
    const user = await createUser("during");
    // Hold the FinancialSummary table: the claimed run waits on it inside the recompute,
    // while a change (Transaction, User, BackgroundJob) is not blocked by it.
    await pgClient.query("BEGIN");
    await pgClient.query('LOCK TABLE "FinancialSummary" IN ACCESS EXCLUSIVE MODE');
    let first: string;
    try {
      first = (await createTransaction(user.id, { date: today, description: "before", amount: -1000n })).jobId;
      await waitFor("the first run to wait on the lock", async () => {
        // Activity stats are snapshotted per transaction, and this client is inside one.
        await pgClient.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await pgClient.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FinancialSummary%'`,
        );
        return rows[0].n > 0;
      });
      expect((await db().backgroundJob.findUniqueOrThrow({ where: { id: first } })).status).toBe("running");

      const during = await createTransaction(user.id, { date: today, description: "during", amount: -2000n });
      expect(during.jobId).not.toBe(first);
    } finally {
      await pgClient.query("COMMIT");
    }

    const runs = await settled(user.id);
    expect(runs.map((r) => r.id)[0]).toBe(first!);
    expect(runs).toHaveLength(2);
    const summary = await getSummary(user.id);
    expect(summary.transactionCount).toBe(2);
    expect(summary.currentMonth.expenses).toBe("30.00");
  });

  it("never lets an older run's summary replace a newer one", async () => {
    const user = await createUser("order");
    const { storeSummary, computeSummary } = await import("../../lib/summary/compute-summary");
    await createTransaction(user.id, { date: today, description: "one", amount: -100n });
    const older = await computeSummary(user.id);
    await createTransaction(user.id, { date: today, description: "two", amount: -100n });
    const newer = await computeSummary(user.id);
    expect(await storeSummary(user.id, newer!, null)).toBe(true);
    expect(await storeSummary(user.id, older!, null)).toBe(false);
    const stored = await db().financialSummary.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.transactionCount).toBe(2);
    await settled(user.id);
  });
});

describe("a failed run does not block the user", () => {
  it("lets the next change start a fresh run with its own Bull job id", async () => {
    const user = await createUser("afterfail");
    const { jobId } = await createTransaction(user.id, { date: today, description: "x", amount: -1n });
    await waitForJob(jobId);
    // Mark the finished run failed, as if its last attempt had failed; Bull keeps the job.
    await db().backgroundJob.update({ where: { id: jobId }, data: { status: "failed", error: "simulated" } });
    const next = await createTransaction(user.id, { date: today, description: "y", amount: -1n });
    expect(next.jobId).not.toBe(jobId);
    await waitForJob(next.jobId);
    expect((await getSummary(user.id)).transactionCount).toBe(2);
  });
});
