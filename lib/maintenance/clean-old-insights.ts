import { db } from "../db";

// Insights past their expiry are kept this long (the dashboard already hides them), then
// deleted. Not sooner: a row, dismissed or not, is what keeps its dedupe key, and a key whose
// period is still current would otherwise come back on the next generation run.
export const EXPIRED_INSIGHT_RETENTION_MS = 30 * 24 * 3600 * 1000;

export async function cleanExpiredInsights(now = new Date()): Promise<number> {
  const { count } = await db().insight.deleteMany({
    where: { expiresAt: { lt: new Date(now.getTime() - EXPIRED_INSIGHT_RETENTION_MS) } },
  });
  return count;
}
