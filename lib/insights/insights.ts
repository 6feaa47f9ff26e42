import { db } from "../db";
import { notFound } from "../errors";
import { insightGenerationJob } from "../jobs/insight-generation";
import { findActiveJobId } from "../queue/background-jobs";

// Reading, dismissing and requesting insights (the dashboard's cards and the daily run).

export interface InsightView {
  id: string;
  type: string;
  severity: "info" | "warning" | "critical";
  title: string;
  body: string;
  data: Record<string, unknown>;
  budgetId: string | null;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
const LIST_LIMIT = 100;

/** Active insights (not dismissed, not expired): most severe first, then newest. */
export async function listActiveInsights(userId: string, now = new Date()): Promise<InsightView[]> {
  const rows = await db().insight.findMany({
    where: { userId, dismissedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: LIST_LIMIT,
  });
  return rows
    .map(
      (r): InsightView => ({
        id: r.id,
        type: r.type,
        severity: r.severity,
        title: r.title,
        body: r.body,
        data: (r.data ?? {}) as Record<string, unknown>,
        budgetId: r.budgetId,
        expiresAt: r.expiresAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      }),
    )
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/** Dismisses the user's own insight (idempotent); another user's id is not found. */
export async function dismissInsight(userId: string, id: string): Promise<{ id: string; dismissedAt: string }> {
  const row = await db().insight.findFirst({ where: { id, userId }, select: { id: true, dismissedAt: true } });
  if (!row) throw notFound("Insight");
  if (row.dismissedAt) return { id, dismissedAt: row.dismissedAt.toISOString() };
  const dismissedAt = new Date();
  await db().insight.updateMany({ where: { id, userId, dismissedAt: null }, data: { dismissedAt } });
  return { id, dismissedAt: dismissedAt.toISOString() };
}

/** Queues insight generation for one user: answers at once with the job id. */
export async function startInsightGeneration(userId: string): Promise<{ jobId: string }> {
  const active = await findActiveJobId(userId, insightGenerationJob.name);
  if (active) return { jobId: active };
  const row = await insightGenerationJob.enqueue({ userId });
  return { jobId: row.id };
}

/** Users with transactions dated, or added, in the last `days` days (the daily run's set). */
export async function usersWithRecentTransactions(days = 7, now = new Date()): Promise<string[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  // Per user, the (userId, date) index answers the EXISTS; dataChangedAt catches imports of old rows.
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT u.id FROM "User" u
     WHERE u."dataChangedAt" >= ${since}
        OR EXISTS (SELECT 1 FROM "Transaction" t WHERE t."userId" = u.id AND t.date >= ${since}::date)`;
  return rows.map((r) => r.id);
}

/** The daily run: one job per user (so each retries, logs and notifies on its own). */
export async function fanOutInsightGeneration(userIds: readonly string[]): Promise<number> {
  let queued = 0;
  for (const userId of userIds) {
    await startInsightGeneration(userId);
    queued++;
  }
  return queued;
}
