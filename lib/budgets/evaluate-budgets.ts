import { randomUUID } from "node:crypto";
import { db } from "../db";
import { BUDGET_INSIGHT_KINDS, budgetDedupeKey, evaluateBudget } from "../finance/budgets/evaluate";
import { periodRange, utcToday } from "../finance/budgets/period";
import { createNotification } from "../notifications/notifications";
import { budgetEvaluationJob } from "../jobs/budget-evaluation";
import { spendingInPeriods } from "./spending-in-periods";
import { emitWebhookEvent } from "../webhooks/emit-event";

// budget-evaluation's work: each ready budget's spending in its current period against its
// amount, written as insights (lib/finance/budgets/evaluate.ts decides which). An insight is
// upserted on (userId, dedupeKey), so reruns update it; a kind the budget no longer earns in
// this period (spending fell after a refund, the amount was raised) is removed unless the user
// already dismissed it. A budget_exceeded insight that is new notifies the user.

export interface EvaluationOutcome {
  budgets: number;
  insights: number;
  created: number;
  removed: number;
  notified: number;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export async function evaluateUserBudgets(
  userId: string,
  options: { today?: string; budgetIds?: readonly string[] } = {},
): Promise<EvaluationOutcome> {
  const today = options.today ?? utcToday();
  const user = await db().user.findUnique({ where: { id: userId }, select: { currency: true } });
  const budgets = await db().budget.findMany({
    where: { userId, processingStatus: "ready", ...(options.budgetIds ? { id: { in: [...options.budgetIds] } } : {}) },
    orderBy: { id: "asc" },
  });
  const specs = new Map(
    budgets.map((b) => [b.id, { ...b, startDate: day(b.startDate), endDate: day(b.endDate) }] as const),
  );
  const spending = await spendingInPeriods(new Map([...specs].map(([id, spec]) => [id, periodRange(spec, today)])));
  const outcome: EvaluationOutcome = { budgets: 0, insights: 0, created: 0, removed: 0, notified: 0 };

  for (const [id, spec] of specs) {
    const evaluation = evaluateBudget(spec, spending.get(id)?.spent ?? 0n, today, user?.currency ?? "USD");
    if (!evaluation.active) continue;
    outcome.budgets += 1;
    for (const draft of evaluation.insights) {
      const rows = await db().$queryRaw<{ created: boolean }[]>`
        INSERT INTO "Insight" (id, "userId", type, severity, title, body, data, "dedupeKey", "budgetId", "expiresAt", "createdAt", "updatedAt")
        VALUES (${randomUUID()}, ${userId}, ${draft.kind}, ${draft.severity}::"InsightSeverity", ${draft.title}, ${draft.body},
                ${JSON.stringify(draft.data)}::jsonb, ${draft.dedupeKey}, ${id}, ${draft.expiresAt}, now(), now())
        ON CONFLICT ("userId", "dedupeKey") DO UPDATE
          SET severity = EXCLUDED.severity, title = EXCLUDED.title, body = EXCLUDED.body, data = EXCLUDED.data,
              "expiresAt" = EXCLUDED."expiresAt", "updatedAt" = now()
        RETURNING (xmax = 0) AS created`;
      outcome.insights += 1;
      if (!rows[0]?.created) continue;
      outcome.created += 1;
      if (draft.kind === "budget_exceeded") {
        // No jobId: one evaluation run can exceed several budgets ([jobId, kind] is unique);
        // the insight's creation is what makes this happen once per budget and period.
        await createNotification({ userId, kind: "budget_exceeded", title: draft.title, body: draft.body, link: "/dashboard/budgets" });
        await emitWebhookEvent(undefined, userId, "budget.exceeded", { budgetId: id, title: draft.title, ...draft.data }, { dedupeKey: `budget.exceeded:${draft.dedupeKey}` });
        outcome.notified += 1;
      }
    }
    const earned = new Set(evaluation.insights.map((i) => i.kind));
    const stale = BUDGET_INSIGHT_KINDS.filter((k) => !earned.has(k)).map((k) => budgetDedupeKey(k, id, evaluation.periodStart));
    const removed = await db().insight.deleteMany({ where: { userId, budgetId: id, dedupeKey: { in: stale }, dismissedAt: null } });
    outcome.removed += removed.count;
  }
  return outcome;
}

/** Users with at least one ready budget, for the daily run. */
export async function usersWithReadyBudgets(): Promise<string[]> {
  const rows = await db().budget.findMany({ where: { processingStatus: "ready" }, distinct: ["userId"], select: { userId: true }, orderBy: { userId: "asc" } });
  return rows.map((r) => r.userId);
}

/** Queues an evaluation now: for one user, or (no userId) for everyone as the daily run does. */
export async function startBudgetEvaluation(userId?: string): Promise<{ jobId: string }> {
  // No userId is the payload of "every user" (it used to send { allUsers: true }, which the
  // job's schema dropped: the same run, by accident).
  const row = await budgetEvaluationJob.enqueue(userId ? { userId } : {});
  return { jobId: row.id };
}
