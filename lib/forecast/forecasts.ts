import { db } from "../db";
import { AppError } from "../errors";
import { env } from "../env";
import { dayOfDate, dayToIso } from "../finance/insights/calendar";
import { forecastSpending, MIN_HISTORY_DAYS, type DailySpendRow, type ForecastData } from "../finance/forecast/forecast-spending";
import { UNCATEGORIZED } from "../finance/summary";
import { COUNTABLE_JOINS, IS_SPENDING, rowCurrency, SPENDING_AMOUNT } from "../summary/countable-sql";
import type { Forecast } from "../generated/prisma/client";
import { log } from "../log";
import { forecastComputeJob } from "../jobs/forecast-compute";
import { findActiveJobId } from "../queue/background-jobs";
import { appKey, getRedis } from "../redis";
import { firstTransactionDate } from "../transactions/first-transaction-date";
import { nextWeeklyRun } from "./next-run";

// The user's spending forecast: computed by the forecast-compute job, stored in Forecast
// (valid until the next weekly run) and cached in Redis until then. While the stored one is
// still valid and the user's data has not changed since, it is not computed again.

/** Bull priorities on the forecast queue (1 is the highest): a person asking goes ahead of the weekly batch. */
export const FORECAST_PRIORITY = { onDemand: 5, scheduled: 10 } as const;
/** Daily history fed to the models (two years is plenty for weekly and monthly patterns). */
const HISTORY_LIMIT_DAYS = 730;

export interface ForecastView {
  computedAt: string;
  validUntil: string;
  sourceVersion: string;
  model: string;
  data: ForecastData;
}

export const forecastCacheKey = (userId: string) => appKey("forecast", userId);

function toView(row: Forecast): ForecastView {
  return {
    computedAt: row.computedAt.toISOString(),
    validUntil: row.validUntil.toISOString(),
    sourceVersion: row.sourceVersion.toString(),
    model: row.model,
    data: row.data as unknown as ForecastData,
  };
}

/** Caches a forecast until it stops being valid. A cache failure never fails the caller. */
async function cacheForecast(userId: string, view: ForecastView, now = new Date()): Promise<void> {
  const ttl = Math.ceil((Date.parse(view.validUntil) - now.getTime()) / 1000);
  if (ttl <= 0) return;
  try {
    await getRedis().set(forecastCacheKey(userId), JSON.stringify(view), "EX", ttl);
  } catch (err) {
    log.warn({ userId, err: (err as Error).message }, "[forecast] could not cache the forecast");
  }
}

async function cachedForecast(userId: string): Promise<ForecastView | null> {
  try {
    const raw = await getRedis().get(forecastCacheKey(userId));
    return raw ? (JSON.parse(raw) as ForecastView) : null;
  } catch {
    return null;
  }
}

/** The stored forecast: from Redis when cached, else from Postgres (and then cached). */
export async function getStoredForecast(userId: string): Promise<ForecastView | null> {
  const cached = await cachedForecast(userId);
  if (cached) return cached;
  const row = await db().forecast.findUnique({ where: { userId } });
  if (!row) return null;
  const view = toView(row);
  await cacheForecast(userId, view);
  return view;
}

const isStillValid = (row: Pick<Forecast, "validUntil" | "sourceVersion">, dataVersion: bigint, now: Date) =>
  row.validUntil.getTime() > now.getTime() && row.sourceVersion === dataVersion;

/** Days of history before `today` (from the first transaction), or 0 without any. */
async function historyDays(userId: string, today: number): Promise<{ firstDay: number | null; days: number }> {
  const first = await firstTransactionDate(userId);
  if (!first) return { firstDay: null, days: 0 };
  const firstDay = dayOfDate(first);
  return { firstDay, days: Math.max(0, today - firstDay) };
}

const notEnoughMessage = (days: number) => `A forecast needs at least ${MIN_HISTORY_DAYS} days of transactions; you have ${days}.`;

export interface ForecastStatus {
  forecast: ForecastView | null;
  /** "computing" while a forecast job is pending or running. */
  status: "ready" | "computing";
  jobId?: string;
  /** The data changed since the stored forecast was computed. */
  outdated: boolean;
  /** Why there is no forecast, in words (not enough history). */
  message?: string;
}

export async function getForecastStatus(userId: string, now = new Date()): Promise<ForecastStatus> {
  const [forecast, user, active] = await Promise.all([
    getStoredForecast(userId),
    db().user.findUnique({ where: { id: userId }, select: { dataVersion: true } }),
    findActiveJobId(userId, forecastComputeJob.name),
  ]);
  const status: ForecastStatus = {
    forecast,
    status: active ? "computing" : "ready",
    ...(active ? { jobId: active } : {}),
    outdated: forecast !== null && user !== null && BigInt(forecast.sourceVersion) !== user.dataVersion,
  };
  if (!forecast) {
    const { days } = await historyDays(userId, dayOfDate(now));
    if (days < MIN_HISTORY_DAYS) status.message = notEnoughMessage(days);
  }
  return status;
}

export type ForecastRequestOutcome = { kind: "queued"; jobId: string } | { kind: "fresh"; forecast: ForecastView };

/**
 * A person's "Refresh forecast": the stored forecast when it is still valid and their data
 * unchanged (unless forced), else a queued job (an already queued one is reused).
 */
export async function requestForecast(userId: string, options: { force?: boolean } = {}, now = new Date()): Promise<ForecastRequestOutcome> {
  const [row, user, active] = await Promise.all([
    db().forecast.findUnique({ where: { userId } }),
    db().user.findUnique({ where: { id: userId }, select: { dataVersion: true } }),
    findActiveJobId(userId, forecastComputeJob.name),
  ]);
  if (active) return { kind: "queued", jobId: active };
  if (!options.force && row && user && isStillValid(row, user.dataVersion, now)) return { kind: "fresh", forecast: toView(row) };
  const { days } = await historyDays(userId, dayOfDate(now));
  if (days < MIN_HISTORY_DAYS) throw new AppError("conflict", notEnoughMessage(days), { historyDays: days });
  return { kind: "queued", jobId: await startForecastCompute(userId, { force: options.force ?? false, priority: FORECAST_PRIORITY.onDemand }) };
}

export async function startForecastCompute(userId: string, options: { force: boolean; priority: number }): Promise<string> {
  const row = await forecastComputeJob.enqueue({ userId, force: options.force }, { priority: options.priority });
  return row.id;
}

/** The weekly run's users: at least MIN_HISTORY_DAYS of data, and no forecast job under way. */
export async function usersDueForForecast(now = new Date()): Promise<string[]> {
  const cutoff = new Date(`${dayToIso(dayOfDate(now) - MIN_HISTORY_DAYS)}T00:00:00Z`);
  const rows = await db().$queryRaw<{ userId: string }[]>`
    SELECT t."userId" FROM "Transaction" t
     GROUP BY t."userId"
    HAVING MIN(t.date) <= ${cutoff}::date
       AND NOT EXISTS (SELECT 1 FROM "BackgroundJob" j
                        WHERE j."userId" = t."userId" AND j.type = ${forecastComputeJob.name} AND j.status IN ('pending', 'running'))`;
  return rows.map((r) => r.userId);
}

export type ComputeOutcome =
  | { status: "computed"; model: string; historyDays: number; categories: number; validUntil: string }
  | { status: "still_valid"; validUntil: string }
  | { status: "not_enough_history"; historyDays: number; message: string };

/** The job's work for one user. Null when the user is gone. */
export async function computeForecastForUser(
  userId: string,
  options: { force?: boolean; jobId?: string; now?: Date } = {},
): Promise<ComputeOutcome | null> {
  const now = options.now ?? new Date();
  // The version is read before the transactions: a change during the run leaves the stored
  // forecast older than the data, so the next request computes again.
  const [user, stored] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { dataVersion: true, currency: true } }),
    db().forecast.findUnique({ where: { userId } }),
  ]);
  if (!user) return null;
  if (!options.force && stored && isStillValid(stored, user.dataVersion, now)) {
    await cacheForecast(userId, toView(stored), now);
    return { status: "still_valid", validUntil: stored.validUntil.toISOString() };
  }

  const today = dayOfDate(now);
  const { firstDay, days } = await historyDays(userId, today);
  if (firstDay === null || days < MIN_HISTORY_DAYS) return { status: "not_enough_history", historyDays: days, message: notEnoughMessage(days) };

  const from = new Date(`${dayToIso(Math.max(firstDay, today - HISTORY_LIMIT_DAYS))}T00:00:00Z`);
  const until = new Date(`${dayToIso(today)}T00:00:00Z`);
  // Daily net spending by the counting rule (lib/summary/countable-sql.ts): transfers and
  // income left out, refunds netted, the main currency only. A day whose refunds outweigh its
  // spending in a category counts as no spending (the models read money out, never negative).
  const rows = await db().$queryRaw<{ date: Date; categoryId: string | null; category: string | null; spent: string }[]>`
    SELECT t.date, t."categoryId", c.name AS category, SUM(${SPENDING_AMOUNT})::text AS spent
      FROM "Transaction" t ${COUNTABLE_JOINS}
     WHERE t."userId" = ${userId} AND ${IS_SPENDING} AND t.date >= ${from}::date AND t.date < ${until}::date
       AND ${rowCurrency(user.currency)} = ${user.currency}
     GROUP BY t.date, t."categoryId", c.name
    HAVING SUM(${SPENDING_AMOUNT}) > 0`;
  const daily: DailySpendRow[] = rows.map((r) => ({
    date: r.date.toISOString().slice(0, 10),
    categoryId: r.categoryId,
    category: r.category ?? UNCATEGORIZED,
    spentMinor: BigInt(r.spent),
  }));
  const outcome = forecastSpending({ rows: daily, firstDay: dayToIso(dayOfDate(from)), today: dayToIso(today) });
  if (!outcome.ok) return { status: "not_enough_history", historyDays: outcome.historyDays, message: outcome.message };

  const validUntil = nextWeeklyRun(now, env().SCHEDULE_TIMEZONE);
  const fields = {
    computedAt: now,
    validUntil,
    sourceVersion: user.dataVersion,
    model: outcome.data.total.model,
    data: outcome.data as object,
    backgroundJobId: options.jobId ?? null,
  };
  const row = await db().forecast.upsert({ where: { userId }, create: { userId, ...fields }, update: fields });
  await cacheForecast(userId, toView(row), now);
  return {
    status: "computed",
    model: row.model,
    historyDays: outcome.data.historyDays,
    categories: outcome.data.categories.length,
    validUntil: validUntil.toISOString(),
  };
}
