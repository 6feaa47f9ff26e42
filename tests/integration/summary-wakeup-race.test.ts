import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, type IntegrationEnv } from "../helpers/integration";
import { connectPg } from "../helpers/pg";

// The wake-up race (issue 10, defect 1): a coalesced summary run whose Bull job arrives just
// before or at its runAfter must never be left pending without a live Bull job. With a short
// debounce, bursts of quick changes put the Bull job's wake-up right on the row's runAfter;
// every round must end with a summary of the last change long before the reconciler's next pass.

let env: IntegrationEnv;
let worker: RunningWorker;
let pgClient: pg.Client;

const DEBOUNCE_MS = 15;
const ROUNDS = 120;

beforeAll(async () => {
  env = await setupIntegration("wakeup", {
    SUMMARY_DEBOUNCE_MS: String(DEBOUNCE_MS),
    SUMMARY_MAX_WAIT_MS: "2000",
    // The safety net must not hide a lost wake-up during the test.
    RECONCILE_PENDING_AFTER_MS: "600000",
  });
  worker = await startWorker({ queues: ["financial-summary"] });
  pgClient = await connectPg(env.databaseUrl);
});

afterAll(async () => {
  await pgClient?.end();
  await worker?.stop();
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("summary wake-up race", () => {
  it(`brings the summary up to the last change after each of ${ROUNDS} quick bursts`, async () => {
    const user = await createUser("wakeup");
    let expectedCount = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // 2–5 changes with gaps around the debounce, so wake-ups land on pushed-out runAfters.
      const changes = 2 + (round % 4);
      for (let i = 0; i < changes; i++) {
        await createTransaction(user.id, { date: today, description: `r${round} c${i}`, amount: -1n });
        expectedCount += 1;
        await pause((round * 7 + i * 5) % (DEBOUNCE_MS + 6));
      }
      const target = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion;
      await waitFor(
        `round ${round}: a summary of data version ${target}`,
        async () => {
          const summary = await db().financialSummary.findUnique({ where: { userId: user.id } });
          return summary && summary.sourceVersion >= target ? summary : null;
        },
        DEBOUNCE_MS + 3000,
        10,
      );
    }
    const summary = await db().financialSummary.findUniqueOrThrow({ where: { userId: user.id } });
    expect(summary.transactionCount).toBe(expectedCount);
  }, 300_000);
});

describe("a run that comes due between its failed claim and the read after it", () => {
  // The race made certain instead of likely: the Bull job's claim starts before the row's
  // runAfter (so it is refused: not due by Postgres's now(), the statement's start), and is held
  // on a table lock until the row is due. Before the fix the worker then read the row, found
  // runAfter no longer ahead of its own clock and took the run as finished ("nothing to do"):
  // the row stayed pending without a Bull job until the reconciler. It must be claimed and run.
  it("claims the row again and computes the summary", async () => {
    const user = await createUser("wakeup-held");
    await createTransaction(user.id, { date: today, description: "held", amount: -250n });
    // Let the change's own run finish first, so only the row below is in play.
    const target = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion;
    await waitFor("the change's own summary", async () => {
      const summary = await db().financialSummary.findUnique({ where: { userId: user.id } });
      return summary && summary.sourceVersion >= target ? summary : null;
    });
    await db().user.update({ where: { id: user.id }, data: { dataVersion: { increment: 1 } } });
    const row = await db().backgroundJob.create({ data: { userId: user.id, type: QUEUE.financialSummary, status: "pending", payload: { userId: user.id } } });
    const { rows: due } = await pgClient.query<{ runAfter: Date }>(
      `UPDATE "BackgroundJob" SET "runAfter" = now() + interval '1500 milliseconds' WHERE id = $1 RETURNING "runAfter"`,
      [row.id],
    );

    // Writes to BackgroundJob wait; reads do not.
    await pgClient.query("BEGIN");
    await pgClient.query('LOCK TABLE "BackgroundJob" IN SHARE ROW EXCLUSIVE MODE');
    let dispatched: Promise<boolean> | undefined;
    try {
      // An early Bull job for the row (as a wake-up whose delay ran out on another clock). Not
      // awaited here: after the add to Redis it marks the row enqueued, a write that waits too.
      dispatched = dispatchJob({ id: row.id, type: QUEUE.financialSummary, userId: user.id, runAfter: new Date(), delayMs: 0, bullJobId: `${row.id}-early` });
      const claimStartedAt = await waitFor("the claim to wait on the lock", async () => {
        await pgClient.query("SELECT pg_stat_clear_snapshot()");
        const { rows } = await pgClient.query<{ started: Date }>(
          `SELECT query_start AS started FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE "BackgroundJob" AS b%' AND query LIKE '%unnest%'`,
        );
        return rows[0]?.started ?? null;
      });
      // The claim's statement began before the row was due: it cannot claim it.
      expect(claimStartedAt.getTime()).toBeLessThan(due[0].runAfter.getTime());
      await pause(Math.max(0, due[0].runAfter.getTime() - Date.now()) + 300);
    } finally {
      await pgClient.query("COMMIT");
    }
    expect(await dispatched).toBe(true);

    const settled = await waitFor(
      "the row to be claimed and run",
      async () => {
        const job = await db().backgroundJob.findUniqueOrThrow({ where: { id: row.id } });
        return job.status === "pending" || job.status === "running" ? null : job;
      },
      5000,
      20,
    ).catch(() => db().backgroundJob.findUniqueOrThrow({ where: { id: row.id } }));
    expect(settled.status).toBe("completed");
  }, 60_000);
});
