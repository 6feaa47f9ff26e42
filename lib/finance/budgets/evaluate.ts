import { formatAmount } from "../money";
import { moneyText } from "../insights/format-money";
import { addDays, dayInWords, periodProgress, rangeInWords, type PeriodSpec } from "./period";
import { percentSpent, projectSpend, remaining } from "./spending";

// budget-evaluation's decision: from a budget and its spending in the current period, which
// insights to write, with the numbers that justify them. One insight per budget, kind and
// period (dedupeKey), so a rerun updates instead of adding.
//
//   budget_exceeded   (critical) spent > amount
//   budget_warning    (warning)  otherwise, percent ≥ alert threshold
//   budget_projection (info)     percent > 50 with fewer than 10 days left in the period;
//                                not for rolling budgets (their window never ends)

export const BUDGET_INSIGHT_KINDS = ["budget_exceeded", "budget_warning", "budget_projection"] as const;
export type BudgetInsightKind = (typeof BUDGET_INSIGHT_KINDS)[number];

export const PROJECTION_MIN_PERCENT = 50;
export const PROJECTION_DAYS_LEFT_BELOW = 10;

export interface EvaluatedBudget extends PeriodSpec {
  id: string;
  title: string;
  amountMinor: bigint;
  alertThresholdPercent: number;
}

export interface BudgetInsightDraft {
  kind: BudgetInsightKind;
  severity: "info" | "warning" | "critical";
  dedupeKey: string;
  title: string;
  body: string;
  data: Record<string, string | number | null>;
  /** The moment the period ends (the start of the day after its last day, UTC). */
  expiresAt: Date;
}

export interface BudgetEvaluation {
  periodStart: string;
  periodEnd: string;
  spent: bigint;
  percent: number;
  projected: bigint | null;
  /** False for a custom budget outside its dates: it is not evaluated then. */
  active: boolean;
  insights: BudgetInsightDraft[];
}

export const budgetDedupeKey = (kind: BudgetInsightKind, budgetId: string, periodStart: string) => `${kind}:${budgetId}:${periodStart}`;

/**
 * A budget is in the user's main currency (`currency`): its words carry the symbol
 * ("$1,234.56"), its data keeps plain decimal strings.
 */
export function evaluateBudget(budget: EvaluatedBudget, spentMinor: bigint, today: string, currency = "USD"): BudgetEvaluation {
  const words = (minor: bigint) => moneyText(minor, currency);
  const p = periodProgress(budget, today);
  const percent = percentSpent(spentMinor, budget.amountMinor);
  const projected = projectSpend(spentMinor, p.daysElapsed, p.daysInPeriod);
  const left = remaining(spentMinor, budget.amountMinor);
  const expiresAt = new Date(`${addDays(p.end, 1)}T00:00:00Z`);
  const data = {
    budgetId: budget.id,
    budgetTitle: budget.title,
    amount: formatAmount(budget.amountMinor),
    spent: formatAmount(spentMinor),
    remaining: formatAmount(left),
    percent,
    alertThresholdPercent: budget.alertThresholdPercent,
    periodStart: p.start,
    periodEnd: p.end,
    daysInPeriod: p.daysInPeriod,
    daysElapsed: p.daysElapsed,
    daysLeft: p.daysLeft,
  };
  const draft = (kind: BudgetInsightKind, severity: BudgetInsightDraft["severity"], title: string, body: string, extra = {}): BudgetInsightDraft => ({
    kind,
    severity,
    dedupeKey: budgetDedupeKey(kind, budget.id, p.start),
    title,
    body,
    data: { ...data, ...extra },
    expiresAt,
  });

  const active = today >= p.start && today <= p.end;
  const insights: BudgetInsightDraft[] = [];
  if (!active) return { periodStart: p.start, periodEnd: p.end, spent: spentMinor, percent, projected, active, insights };
  const range = rangeInWords(p.start, p.end);
  if (spentMinor > budget.amountMinor) {
    insights.push(
      draft(
        "budget_exceeded",
        "critical",
        `${budget.title}: budget exceeded`,
        `You have spent ${words(spentMinor)} of ${words(budget.amountMinor)} (${percent}%) for ${range}, ${words(-left)} over.`,
      ),
    );
  } else if (percent >= budget.alertThresholdPercent) {
    insights.push(
      draft(
        "budget_warning",
        "warning",
        `${budget.title}: ${percent}% of the budget used`,
        `You have spent ${words(spentMinor)} of ${words(budget.amountMinor)} for ${range}; ${words(left)} left.`,
      ),
    );
  }
  if (budget.period !== "rolling" && projected !== null && percent > PROJECTION_MIN_PERCENT && p.daysLeft < PROJECTION_DAYS_LEFT_BELOW) {
    const over = projected > budget.amountMinor;
    insights.push(
      draft(
        "budget_projection",
        "info",
        `${budget.title}: on pace for ${words(projected)}`,
        `At this pace you will spend about ${words(projected)} of ${words(budget.amountMinor)} by ${dayInWords(p.end)} (${p.daysLeft} day${p.daysLeft === 1 ? "" : "s"} left)${over ? `, ${words(projected - budget.amountMinor)} over` : ""}.`,
        { projected: formatAmount(projected) },
      ),
    );
  }
  return { periodStart: p.start, periodEnd: p.end, spent: spentMinor, percent, projected, active, insights };
}
