import {
  dateOfDay,
  dayInWords,
  dayOf,
  dayToIso,
  isoWeekLabel,
  monthIndexOf,
  monthLabel,
  monthStart,
  weekStart,
} from "./calendar";
import { formatAmount } from "../money";
import { meanAndSpread, moneyText } from "./format-money";
import { countableOf, type InsightDraft, type InsightTransaction, type RuleContext } from "./insight-types";
import { spendingOf } from "../countable";

// Spending spike: a category's spend this week (or this month, so far) far above its own
// trailing weeks (months). A z-score on the category's own history, with a floor under the
// spread (a steady category would otherwise "spike" on a few dollars), a minimum history and
// minimum amounts, so noise does not fire.

export interface SpikeRule {
  period: "week" | "month";
  /** Trailing periods compared against, and how many must be covered by the user's data. */
  trailing: number;
  minHistory: number;
  zWarning: number;
  zCritical: number;
  /** The period's spend must reach this, and beat the mean by this much (cents). */
  minAmount: bigint;
  minExcess: bigint;
  /** Spread floor: at least this share of the mean, and at least this many cents. */
  spreadFloorShare: number;
  spreadFloor: bigint;
}

export const WEEKLY_SPIKE: SpikeRule = {
  period: "week",
  trailing: 8,
  minHistory: 4,
  zWarning: 3,
  zCritical: 6,
  minAmount: 75_00n,
  minExcess: 50_00n,
  spreadFloorShare: 0.25,
  spreadFloor: 10_00n,
};

export const MONTHLY_SPIKE: SpikeRule = {
  period: "month",
  trailing: 6,
  minHistory: 3,
  zWarning: 3,
  zCritical: 6,
  minAmount: 150_00n,
  minExcess: 100_00n,
  spreadFloorShare: 0.15,
  spreadFloor: 25_00n,
};

interface Period {
  label: string;
  from: number;
  /** Exclusive. */
  to: number;
}

function periodsOf(rule: SpikeRule, asOf: number): { current: Period; trailing: Period[] } {
  if (rule.period === "week") {
    const start = weekStart(asOf);
    const week = (s: number): Period => ({ label: isoWeekLabel(s), from: s, to: s + 7 });
    return { current: week(start), trailing: Array.from({ length: rule.trailing }, (_, k) => week(start - 7 * (k + 1))) };
  }
  const m = monthIndexOf(asOf);
  const month = (i: number): Period => ({ label: monthLabel(i), from: monthStart(i), to: monthStart(i + 1) });
  return { current: month(m), trailing: Array.from({ length: rule.trailing }, (_, k) => month(m - k - 1)) };
}

export function detectSpendingSpikes(txs: readonly InsightTransaction[], ctx: RuleContext, rule: SpikeRule): InsightDraft[] {
  const { current, trailing } = periodsOf(rule, ctx.asOf);
  // Only whole periods the user's data covers count as history (oldest first).
  const history = trailing.filter((p) => p.from >= ctx.firstDataDay).reverse();
  if (history.length < rule.minHistory) return [];

  const spend = new Map<string, { categoryId: string | null; category: string; current: bigint; past: bigint[] }>();
  const dayIndex = (d: number) => history.findIndex((p) => d >= p.from && d < p.to);
  for (const tx of txs) {
    // Net spending: a refund in the category lowers it; income and transfers are not spending.
    const spent = spendingOf(countableOf(tx));
    if (spent === 0n) continue;
    const day = dayOf(tx.date);
    const inCurrent = day >= current.from && day <= ctx.asOf;
    const h = inCurrent ? -1 : dayIndex(day);
    if (!inCurrent && h < 0) continue;
    const key = tx.categoryId ?? `name:${tx.category}`;
    let entry = spend.get(key);
    if (!entry) {
      entry = { categoryId: tx.categoryId, category: tx.category, current: 0n, past: history.map(() => 0n) };
      spend.set(key, entry);
    }
    if (inCurrent) entry.current += spent;
    else entry.past[h] += spent;
  }

  const drafts: InsightDraft[] = [];
  for (const [key, entry] of spend) {
    const { mean, sd } = meanAndSpread(entry.past);
    const floorByShare = BigInt(Math.round(Number(mean) * rule.spreadFloorShare));
    const spread = [sd, floorByShare, rule.spreadFloor].reduce((a, b) => (b > a ? b : a));
    const excess = entry.current - mean;
    const z = Number(excess) / Number(spread);
    if (entry.current < rule.minAmount || excess < rule.minExcess || z < rule.zWarning) continue;

    const to = Math.min(ctx.asOf, current.to - 1);
    const when = rule.period === "week" ? "this week" : "this month";
    const usual = `${moneyText(mean, ctx.currency)} a ${rule.period}`;
    const ratio = mean > 0n ? Number((entry.current * 10n) / mean) / 10 : null;
    drafts.push({
      type: "spending_spike",
      severity: z >= rule.zCritical ? "critical" : "warning",
      title: `${entry.category} spending is up ${when}`,
      body:
        `You spent ${moneyText(entry.current, ctx.currency)} on ${entry.category} ${when} (${dayInWords(current.from)} to ${dayInWords(to)}), ` +
        `against a usual ${usual} over the last ${history.length} ${rule.period}s` +
        (ratio !== null && ratio >= 1.5 ? ` — about ${ratio}× as much.` : "."),
      data: {
        period: rule.period,
        periodLabel: current.label,
        from: dayToIso(current.from),
        to: dayToIso(to),
        categoryId: entry.categoryId,
        category: entry.category,
        amount: formatAmount(entry.current),
        trailingMean: formatAmount(mean),
        trailingStdDev: formatAmount(sd),
        zScore: Math.round(z * 10) / 10,
        historyPeriods: history.length,
        history: history.map((p, i) => ({ period: p.label, amount: formatAmount(entry.past[i]) })),
      },
      dedupeKey: `spending_spike:${entry.categoryId ?? key}:${current.label}`,
      // Visible through the next period, then it is old news.
      expiresAt: dateOfDay(rule.period === "week" ? current.to + 7 : current.to + 14),
    });
  }
  return drafts;
}
