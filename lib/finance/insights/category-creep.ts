import { dateOfDay, dayOf, monthIndexOf, monthLabel, monthStart } from "./calendar";
import { formatAmount } from "../money";
import { moneyText } from "./format-money";
import { countableOf, type InsightDraft, type InsightTransaction, type RuleContext } from "./insight-types";
import { spendingOf } from "../countable";

// Category creep: a category's monthly spend rising three months in a row (four complete
// months, each above the one before by a meaningful step), so a slow drift is seen before it
// becomes a habit.

export const CREEP_RULE = {
  /** Consecutive rises. */
  rises: 3,
  /** Each rise: at least this many cents and this share of the month before. */
  minStep: 10_00n,
  minStepShare: 0.05,
  /** Over the whole run: at least this many cents and this share of the first month. */
  minTotalRise: 50_00n,
  minTotalShare: 0.2,
  /** Warning (not info) from this share up. */
  warningShare: 0.5,
};

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const share = (value: bigint, fraction: number) => BigInt(Math.round(Number(value) * fraction));

export function detectCategoryCreep(txs: readonly InsightTransaction[], ctx: RuleContext, rule = CREEP_RULE): InsightDraft[] {
  // The last complete month: the one before asOf's, or asOf's own when asOf is its last day.
  const last = monthIndexOf(ctx.asOf + 1) - 1;
  const first = last - rule.rises;
  if (monthStart(first) < ctx.firstDataDay) return [];
  const months = Array.from({ length: rule.rises + 1 }, (_, i) => first + i);

  const spend = new Map<string, { categoryId: string | null; category: string; byMonth: bigint[] }>();
  for (const tx of txs) {
    // Net spending: a refund in the category lowers it; income and transfers are not spending.
    const spent = spendingOf(countableOf(tx));
    if (spent === 0n) continue;
    const m = monthIndexOf(dayOf(tx.date));
    if (m < first || m > last) continue;
    const key = tx.categoryId ?? `name:${tx.category}`;
    let entry = spend.get(key);
    if (!entry) {
      entry = { categoryId: tx.categoryId, category: tx.category, byMonth: months.map(() => 0n) };
      spend.set(key, entry);
    }
    entry.byMonth[m - first] += spent;
  }

  const drafts: InsightDraft[] = [];
  for (const [key, { categoryId, category, byMonth }] of spend) {
    const rising = byMonth.every((v, i) => {
      if (i === 0) return true;
      const step = v - byMonth[i - 1];
      return step >= rule.minStep && step >= share(byMonth[i - 1], rule.minStepShare);
    });
    const rise = byMonth[byMonth.length - 1] - byMonth[0];
    if (!rising || rise < rule.minTotalRise || rise < share(byMonth[0], rule.minTotalShare)) continue;
    const percent = byMonth[0] > 0n ? Number((rise * 1000n) / byMonth[0]) / 10 : null;
    const name = (m: number) => MONTH_NAMES[m % 12];
    drafts.push({
      type: "category_creep",
      severity: percent === null || percent >= rule.warningShare * 100 ? "warning" : "info",
      title: `${category} has gone up ${rule.rises} months in a row`,
      body:
        `${category}: ${months.map((m, i) => `${moneyText(byMonth[i], ctx.currency)} in ${name(m)}`).join(", ")}. ` +
        `That is ${moneyText(rise, ctx.currency)} more a month than in ${name(first)}` +
        (percent !== null ? ` (+${percent}%).` : "."),
      data: {
        categoryId,
        category,
        months: months.map((m, i) => ({ month: monthLabel(m), amount: formatAmount(byMonth[i]) })),
        rise: formatAmount(rise),
        risePercent: percent,
      },
      dedupeKey: `category_creep:${categoryId ?? key}:${monthLabel(last)}`,
      // Until the next month is complete and the rule looks again.
      expiresAt: dateOfDay(monthStart(last + 2)),
    });
  }
  return drafts;
}
