import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { dayOfDate, dayToIso } from "../../lib/finance/insights/calendar";
import { dismissInsight, listActiveInsights, startInsightGeneration } from "../../lib/insights/insights";
import { createJobRow } from "../../lib/queue/background-jobs";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { seedDemoTransactions } from "../helpers/seed-transactions";

let env: IntegrationEnv;
let worker: RunningWorker;
const yesterday = dayToIso(dayOfDate(new Date()) - 1);

beforeAll(async () => {
  env = await setupIntegration("insights");
  worker = await startWorker({ queues: [QUEUE.insightGeneration] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function generate(userId: string) {
  const { jobId } = await startInsightGeneration(userId);
  return waitForJob(jobId);
}

describe("insight generation", () => {
  it("finds the seeded user's recurring payments, notifies once, and a rerun adds nothing", async () => {
    const user = await createUser("insights");
    await seedDemoTransactions(user.id, { today: yesterday });

    const first = await generate(user.id);
    const firstResult = first.result as { found: number; created: number; updated: number; byType: Record<string, number> };
    expect(firstResult.created).toBe(firstResult.found);
    expect(firstResult.byType.recurring_payment).toBeGreaterThanOrEqual(5);
    const insights = await listActiveInsights(user.id);
    expect(insights).toHaveLength(firstResult.found);
    const netflix = insights.find((i) => i.title.startsWith("Netflix"));
    expect(netflix).toMatchObject({ type: "recurring_payment", severity: "info" });
    expect(netflix!.data).toMatchObject({ cadence: "monthly", typicalAmount: "15.49" });
    const rent = insights.find((i) => (i.data as { merchant?: string }).merchant === "Parkside Property Mgmt");
    expect(rent?.data).toMatchObject({ typicalAmount: "2150.00" });
    expect(await db().notification.count({ where: { userId: user.id, kind: "insight" } })).toBe(1);

    const second = await generate(user.id);
    expect(second.id).not.toBe(first.id);
    expect(second.result).toMatchObject({ found: firstResult.found, created: 0, updated: firstResult.found });
    expect(await db().insight.count({ where: { userId: user.id } })).toBe(firstResult.found);
    expect(await db().notification.count({ where: { userId: user.id, kind: "insight" } })).toBe(1);
  });

  it("keeps a dismissed insight hidden across reruns", async () => {
    const user = await createUser("dismiss");
    await seedDemoTransactions(user.id, { today: yesterday });
    await generate(user.id);
    const netflix = (await listActiveInsights(user.id)).find((i) => i.title.startsWith("Netflix"))!;

    const dismissed = await dismissInsight(user.id, netflix.id);
    expect(dismissed.id).toBe(netflix.id);
    expect((await listActiveInsights(user.id)).map((i) => i.id)).not.toContain(netflix.id);

    const rerun = await generate(user.id);
    expect(rerun.result).toMatchObject({ created: 0, dismissed: 1 });
    expect((await listActiveInsights(user.id)).map((i) => i.id)).not.toContain(netflix.id);
    const row = await db().insight.findUniqueOrThrow({ where: { id: netflix.id } });
    expect(row.dismissedAt?.toISOString()).toBe(dismissed.dismissedAt);
  });

  it("answers 404 when another user dismisses an insight, and leaves it alone", async () => {
    const owner = await createUser("owner");
    const other = await createUser("other");
    await seedDemoTransactions(owner.id, { today: yesterday });
    await generate(owner.id);
    const [insight] = await listActiveInsights(owner.id);
    await expect(dismissInsight(other.id, insight.id)).rejects.toMatchObject({ code: "not_found", status: 404 });
    expect((await db().insight.findUniqueOrThrow({ where: { id: insight.id } })).dismissedAt).toBeNull();
  });

  it("hides expired insights", async () => {
    const user = await createUser("expired");
    await db().insight.create({
      data: { userId: user.id, type: "spending_spike", severity: "warning", title: "Old", body: "b", data: {}, dedupeKey: "k", expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await listActiveInsights(user.id)).toEqual([]);
  });

  it("runs the daily schedule for users with recent transactions only", async () => {
    const recent = await createUser("recent");
    const dormant = await createUser("dormant");
    await seedDemoTransactions(recent.id, { today: yesterday });
    // Data that ended months ago, and no change since.
    await seedDemoTransactions(dormant.id, { today: "2025-01-31", bumpVersion: false });

    const row = await db().$transaction((tx) => createJobRow(tx, { type: QUEUE.insightGeneration, payload: { scheduled: true } }));
    await dispatchJob({ id: row.id, type: QUEUE.insightGeneration, runAfter: row.runAfter });
    const done = await waitForJob(row.id);
    expect(done.message).toMatch(/^Queued insight generation for \d+ users$/);

    const perUser = await db().backgroundJob.findMany({ where: { type: QUEUE.insightGeneration, userId: { in: [recent.id, dormant.id] } } });
    expect(perUser.map((j) => j.userId)).toEqual([recent.id]);
    await waitForJob(perUser[0].id);
    expect((await listActiveInsights(recent.id)).length).toBeGreaterThan(0);
  });
});
