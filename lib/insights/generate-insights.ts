import { randomUUID } from "node:crypto";
import { db } from "../db";
import { dayOfDate, dayToIso } from "../finance/insights/calendar";
import { generateInsightDrafts, type InsightDraft, type InsightTransaction } from "../finance/insights";
import type { CategoryKind } from "../finance/countable";
import { UNCATEGORIZED } from "../finance/summary";
import { COUNTABLE_JOINS, IS_TRANSFER, rowCurrency } from "../summary/countable-sql";
import { createNotification } from "../notifications/notifications";
import { emitWebhookEvent } from "../webhooks/emit-event";
import { firstTransactionDate } from "../transactions/first-transaction-date";

// insight-generation for one user: run the rules over the last ~13 months of transactions
// and upsert the drafts by dedupeKey. A rerun updates the numbers of an existing insight but
// never adds a second one, and never clears dismissedAt: a dismissed insight stays dismissed.

/** A yearly payment needs two occurrences; a little over a year of history is enough. */
const LOOKBACK_DAYS = 400;
/** New insights named in the run's notification. */
const NOTIFY_AT_MOST = 3;

export interface InsightRunResult {
  found: number;
  created: number;
  updated: number;
  /** Of the existing ones, how many the user had dismissed (left dismissed). */
  dismissed: number;
  byType: Record<string, number>;
  notified: boolean;
}

/**
 * The user's transactions the rules read: transfers left out and only the main currency's
 * (amounts of different currencies are never added), by the rule of lib/summary/countable-sql.ts.
 */
export async function loadInsightTransactions(userId: string, fromDay: number, toDay: number, currency: string): Promise<InsightTransaction[]> {
  const rows = await db().$queryRaw<
    { date: Date; amountMinor: bigint; categoryId: string | null; category: string | null; categoryKind: CategoryKind | null; payee: string | null; description: string }[]
  >`
    SELECT t.date, t."amountMinor", t."categoryId", c.name AS category, c.kind::text AS "categoryKind", t.payee, t.description
      FROM "Transaction" t ${COUNTABLE_JOINS}
     WHERE t."userId" = ${userId}
       AND t.date BETWEEN ${dayToIso(fromDay)}::date AND ${dayToIso(toDay)}::date
       AND NOT ${IS_TRANSFER}
       AND ${rowCurrency(currency)} = ${currency}
     ORDER BY t.date ASC, t.id ASC`;
  return rows.map((r) => ({
    date: r.date.toISOString().slice(0, 10),
    amountMinor: BigInt(r.amountMinor),
    categoryId: r.categoryId,
    category: r.category ?? UNCATEGORIZED,
    categoryKind: r.categoryKind,
    payee: r.payee,
    description: r.description,
  }));
}

/** Inserts or refreshes one insight; says whether it is new and whether it was dismissed. */
async function upsertInsight(userId: string, draft: InsightDraft): Promise<{ created: boolean; dismissed: boolean }> {
  const rows = await db().$queryRaw<{ created: boolean; dismissed: boolean }[]>`
    INSERT INTO "Insight" (id, "userId", type, severity, title, body, data, "dedupeKey", "expiresAt", "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${userId}, ${draft.type}, ${draft.severity}::"InsightSeverity", ${draft.title}, ${draft.body},
            ${JSON.stringify(draft.data)}::jsonb, ${draft.dedupeKey}, ${draft.expiresAt}, now(), now())
    ON CONFLICT ("userId", "dedupeKey") DO UPDATE
      SET type = EXCLUDED.type, severity = EXCLUDED.severity, title = EXCLUDED.title, body = EXCLUDED.body,
          data = EXCLUDED.data, "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = now()
    RETURNING (xmax = 0) AS created, ("dismissedAt" IS NOT NULL) AS dismissed`;
  return rows[0];
}

export async function generateInsightsForUser(
  userId: string,
  options: { jobId?: string; now?: Date } = {},
): Promise<InsightRunResult | null> {
  const now = options.now ?? new Date();
  const [user, first] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { currency: true } }),
    firstTransactionDate(userId),
  ]);
  if (!user) return null;
  const result: InsightRunResult = { found: 0, created: 0, updated: 0, dismissed: 0, byType: {}, notified: false };
  if (!first) return result;

  // The run looks at complete days: at 03:00 today has barely begun.
  const asOf = dayOfDate(now) - 1;
  const txs = await loadInsightTransactions(userId, asOf - LOOKBACK_DAYS, asOf, user.currency);
  const drafts = generateInsightDrafts(txs, { asOf, firstDataDay: dayOfDate(first), currency: user.currency });

  const fresh: InsightDraft[] = [];
  for (const draft of drafts) {
    const outcome = await upsertInsight(userId, draft);
    result.byType[draft.type] = (result.byType[draft.type] ?? 0) + 1;
    if (outcome.created) {
      result.created++;
      fresh.push(draft);
    } else {
      result.updated++;
      if (outcome.dismissed) result.dismissed++;
    }
  }
  result.found = drafts.length;

  // One notification per run (most severe first), only for insights this run created; the
  // job id makes a retried run a no-op.
  if (fresh.length) {
    const named = fresh.slice(0, NOTIFY_AT_MOST);
    const more = fresh.length - named.length;
    await createNotification({
      userId,
      kind: "insight",
      title: fresh.length === 1 ? fresh[0].title : `${fresh.length} new insights: ${fresh[0].title}`,
      body: named.map((d) => d.title).join(" · ") + (more > 0 ? ` · and ${more} more` : ""),
      link: "/dashboard#insights",
      jobId: options.jobId,
    });
    result.notified = true;
    await emitWebhookEvent(undefined, userId, "insight.created", { insights: fresh.map(({ type, severity, title, body, data }) => ({ type, severity, title, body, data })) }, { dedupeKey: options.jobId && `insight.created:${options.jobId}` });
  }
  return result;
}
