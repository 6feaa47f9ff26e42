import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { dayOfDate, dayToIso } from "../../lib/finance/insights/calendar";
import type { ForecastData } from "../../lib/finance/forecast/forecast-spending";
import {
  FORECAST_PRIORITY,
  forecastCacheKey,
  getForecastStatus,
  requestForecast,
  startForecastCompute,
} from "../../lib/forecast/forecasts";
import { QUEUE } from "../../lib/jobs/job-names";
import { getQueue } from "../../lib/queue/queues";
import { getRedis } from "../../lib/redis";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { seedDemoTransactions } from "../helpers/seed-transactions";

let env: IntegrationEnv;
let worker: RunningWorker;
const today = dayOfDate(new Date());
const yesterday = dayToIso(today - 1);

beforeAll(async () => {
  env = await setupIntegration("forecast");
  worker = await startWorker({ queues: [QUEUE.forecastCompute] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function queued(userId: string, force?: boolean): Promise<string> {
  const outcome = await requestForecast(userId, { force });
  if (outcome.kind !== "queued") throw new Error(`expected a queued job, got ${outcome.kind}`);
  return outcome.jobId;
}

describe("forecast-compute", () => {
  it("stores the forecast, caches it in Redis with a TTL, and skips a second run while valid", async () => {
    const user = await createUser("forecast");
    await seedDemoTransactions(user.id, { today: yesterday });

    const jobId = await queued(user.id);
    // On-demand runs go in at a low Bull priority.
    expect((await getQueue(QUEUE.forecastCompute).getJob(jobId))?.opts.priority).toBe(FORECAST_PRIORITY.onDemand);
    const job = await waitForJob(jobId);
    expect(job.message).toMatch(/^Forecast computed from \d+ days of history; model: [^_]+$/);

    const row = await db().forecast.findUniqueOrThrow({ where: { userId: user.id } });
    const data = row.data as unknown as ForecastData;
    expect(row.sourceVersion).toBe((await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion);
    expect(row.validUntil.getTime()).toBeGreaterThan(Date.now());
    expect(row.validUntil.getTime() - row.computedAt.getTime()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(data.total.horizons.map((h) => h.days)).toEqual(expect.arrayContaining([30, 90]));
    expect(data.categories).toHaveLength(5);
    expect(data.categories[0].name).toBe("Housing");
    expect(data.total.errors.filter((e) => e.baseline).map((e) => e.model)).toEqual(["last_period", "moving_average", "seasonal_naive_weekly"]);
    const h30 = data.total.horizons.find((h) => h.days === 30)!;
    expect(Number(h30.lower)).toBeLessThanOrEqual(Number(h30.expected));
    expect(Number(h30.upper)).toBeGreaterThanOrEqual(Number(h30.expected));

    const ttl = await getRedis().ttl(forecastCacheKey(user.id));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400);
    expect(JSON.parse((await getRedis().get(forecastCacheKey(user.id)))!)).toMatchObject({ model: row.model });

    // Still valid, data unchanged: a person's request gets the stored one; a job skips.
    expect(await requestForecast(user.id)).toMatchObject({ kind: "fresh", forecast: { computedAt: row.computedAt.toISOString() } });
    const again = await waitForJob(await startForecastCompute(user.id, { force: false, priority: FORECAST_PRIORITY.scheduled }));
    expect(again.message).toBe("Forecast still valid");
    expect((await db().forecast.findUniqueOrThrow({ where: { userId: user.id } })).computedAt).toEqual(row.computedAt);

    const status = await getForecastStatus(user.id);
    expect(status).toMatchObject({ status: "ready", outdated: false, forecast: { model: row.model } });
  });

  it("computes again after the data changed, and when forced", async () => {
    const user = await createUser("changed");
    await seedDemoTransactions(user.id, { today: yesterday });
    await waitForJob(await queued(user.id));
    const before = await db().forecast.findUniqueOrThrow({ where: { userId: user.id } });

    await createTransaction(user.id, { date: yesterday, description: "BIG TV", amount: -150_000n });
    expect(await getForecastStatus(user.id)).toMatchObject({ outdated: true });
    expect((await waitForJob(await queued(user.id))).message).toMatch(/^Forecast computed/);
    const after = await db().forecast.findUniqueOrThrow({ where: { userId: user.id } });
    expect(after.sourceVersion).toBeGreaterThan(before.sourceVersion);
    expect(after.computedAt.getTime()).toBeGreaterThan(before.computedAt.getTime());

    expect((await waitForJob(await queued(user.id, true))).message).toMatch(/^Forecast computed/);
    const forced = await db().forecast.findUniqueOrThrow({ where: { userId: user.id } });
    expect(forced.computedAt.getTime()).toBeGreaterThan(after.computedAt.getTime());
  });

  it("makes no forecast from less than 60 days of data, and says why", async () => {
    const user = await createUser("short");
    await seedDemoTransactions(user.id, { today: yesterday, months: 1 });
    const days = today - dayOfDate((await db().transaction.aggregate({ where: { userId: user.id }, _min: { date: true } }))._min.date!);
    const message = `A forecast needs at least 60 days of transactions; you have ${days}.`;

    await expect(requestForecast(user.id)).rejects.toMatchObject({ code: "conflict", status: 409, message });
    const job = await waitForJob(await startForecastCompute(user.id, { force: true, priority: FORECAST_PRIORITY.onDemand }));
    expect(job.message).toBe(message);
    expect(await db().forecast.findUnique({ where: { userId: user.id } })).toBeNull();
    expect(await getForecastStatus(user.id)).toMatchObject({ forecast: null, message });
  });
});
