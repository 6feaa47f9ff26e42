import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, type IntegrationEnv } from "../helpers/integration";

// The wake-up race (issue 10, defect 1): a coalesced summary run whose Bull job arrives just
// before or at its runAfter must never be left pending without a live Bull job. With a short
// debounce, bursts of quick changes put the Bull job's wake-up right on the row's runAfter;
// every round must end with a summary of the last change long before the reconciler's next pass.

let env: IntegrationEnv;
let worker: RunningWorker;

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
});

afterAll(async () => {
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
