import { cleanPayee } from "../categorize/clean-payee";
import { dateOfDay, dayInMonth, dayInWords, dayOf, dayOfMonth, dayToIso, monthIndexOf } from "./calendar";
import { formatAmount } from "../money";
import { moneyText } from "./format-money";
import { countableOf, type InsightDraft, type InsightTransaction, type RuleContext } from "./insight-types";
import { countsAs } from "../countable";

// Recurring payments: the same merchant (payee, or the cleaned description) at a regular
// interval with a similar amount: subscriptions, rent, insurance, salary. Amounts far from the
// merchant's usual one (a one-off purchase at the same shop) are set aside first; then most
// gaps between the remaining dates must sit near one cadence.

export type Cadence = "weekly" | "biweekly" | "semimonthly" | "monthly" | "quarterly" | "yearly";

interface CadenceSpec {
  cadence: Cadence;
  days: number;
  /** ± days a gap may differ from `days`. */
  tolerance: number;
  minOccurrences: number;
  /** In words: "every month". */
  words: string;
  /** Calendar months per step, for the next date on the usual day of the month. */
  months?: number;
}

export const CADENCES: readonly CadenceSpec[] = [
  { cadence: "weekly", days: 7, tolerance: 1, minOccurrences: 4, words: "every week" },
  { cadence: "biweekly", days: 14, tolerance: 1.5, minOccurrences: 4, words: "every two weeks" },
  { cadence: "semimonthly", days: 15.22, tolerance: 4, minOccurrences: 4, words: "twice a month" },
  { cadence: "monthly", days: 30.44, tolerance: 4, minOccurrences: 3, words: "every month", months: 1 },
  { cadence: "quarterly", days: 91.3, tolerance: 8, minOccurrences: 3, words: "every quarter", months: 3 },
  { cadence: "yearly", days: 365.25, tolerance: 12, minOccurrences: 2, words: "every year", months: 12 },
];

export const RECURRING_RULE = {
  /** An amount within this share of the median (or within minAmountTolerance) is "similar". */
  amountTolerance: 0.2,
  minAmountTolerance: 1_00n,
  /** Share of a merchant's payments that must be similar, and of the gaps that must fit. */
  minSimilarShare: 0.6,
  minRegularShare: 0.8,
  /** Only the most recent payments are judged (a cadence can change over the years). */
  maxOccurrences: 12,
};

/** The merchant a transaction belongs to: its payee, else the cleaned description. */
export function merchantOf(tx: Pick<InsightTransaction, "payee" | "description">): { key: string; name: string } {
  const name = tx.payee?.trim() || cleanPayee(tx.description).payee || tx.description.trim();
  return { key: name.toLowerCase().replace(/\s+/g, " "), name };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medianBig(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2n;
}

export interface RecurringPattern {
  cadence: CadenceSpec;
  dates: number[];
  amounts: bigint[];
  typicalAmount: bigint;
  intervalDays: number;
  /** Unrounded median gap between the dates (days). */
  medianGap: number;
  /** The usual day of the month (median of the dates' days of the month). */
  usualDay: number;
  nextExpected: number;
}

/**
 * The due date that follows `from` (a due or payment date): on the usual day of the month for
 * monthly and longer cadences (payments drift a day or two around it: the usual day nearest to
 * one interval after `from`, so a late payment does not push the next one out), else one
 * median gap later.
 */
export function nextDueDay(pattern: Pick<RecurringPattern, "cadence" | "medianGap" | "usualDay">, from: number): number {
  const months = pattern.cadence.months;
  if (!months) return from + Math.round(pattern.medianGap);
  const target = from + pattern.cadence.days;
  const candidates = [0, 1, 2].map((k) => dayInMonth(monthIndexOf(from) + months + k - 1, pattern.usualDay));
  return candidates.reduce((best, c) => (Math.abs(c - target) < Math.abs(best - target) ? c : best));
}

/** Stopped: no payment (of any amount, the latest on `latest`) for well over one interval before `asOf`. */
export function hasStopped(pattern: Pick<RecurringPattern, "cadence">, latest: number, asOf: number): boolean {
  const { cadence } = pattern;
  return asOf - latest > cadence.days + cadence.tolerance * 2 + 3;
}

/** Finds the cadence of one merchant's payments (day numbers, positive cents), or null. */
/** `after`: the next expected date is later than this day (the day the rules look from). */
export function findRecurringPattern(
  payments: readonly { day: number; amount: bigint }[],
  rule = RECURRING_RULE,
  after?: number,
): RecurringPattern | null {
  // One occurrence per day (two charges on one day are one payment).
  const byDay = new Map<number, bigint>();
  for (const p of payments) byDay.set(p.day, (byDay.get(p.day) ?? 0n) + p.amount);
  const all = [...byDay.entries()].sort((a, b) => a[0] - b[0]).slice(-rule.maxOccurrences * 2);
  if (all.length < 2) return null;

  const typical = medianBig(all.map(([, a]) => a));
  const tolerance = BigInt(Math.round(Number(typical) * rule.amountTolerance));
  const allowed = tolerance > rule.minAmountTolerance ? tolerance : rule.minAmountTolerance;
  const similar = all.filter(([, a]) => (a > typical ? a - typical : typical - a) <= allowed).slice(-rule.maxOccurrences);
  if (similar.length < 2 || similar.length < all.length * rule.minSimilarShare) return null;

  const dates = similar.map(([d]) => d);
  const gaps = dates.slice(1).map((d, i) => d - dates[i]);
  const cadence = CADENCES.find(
    (c) =>
      similar.length >= c.minOccurrences &&
      gaps.filter((g) => Math.abs(g - c.days) <= c.tolerance).length >= gaps.length * rule.minRegularShare,
  );
  if (!cadence) return null;

  const last = dates[dates.length - 1];
  const medianGap = median(gaps);
  const usualDay = Math.round(median(dates.map(dayOfMonth)));
  const step = { cadence, medianGap, usualDay };
  let nextExpected = nextDueDay(step, last);
  // A payment that came with an unusual amount (a winter utility bill) is not among `dates`:
  // the next one expected is still after the day we look from.
  while (after !== undefined && nextExpected <= after) nextExpected = nextDueDay(step, nextExpected);
  const amounts = similar.map(([, a]) => a);
  return {
    cadence,
    dates,
    amounts,
    typicalAmount: medianBig(amounts),
    intervalDays: Math.round(medianGap * 10) / 10,
    medianGap,
    usualDay,
    nextExpected,
  };
}

export function detectRecurringPayments(txs: readonly InsightTransaction[], ctx: RuleContext, rule = RECURRING_RULE): InsightDraft[] {
  const groups = new Map<string, { name: string; income: boolean; category: string; payments: { day: number; amount: bigint }[] }>();
  for (const tx of txs) {
    if (tx.amountMinor === 0n || countsAs(countableOf(tx)) === "transfer") continue;
    const income = tx.amountMinor > 0n;
    const merchant = merchantOf(tx);
    const key = `${merchant.key}${income ? "|in" : ""}`;
    let group = groups.get(key);
    if (!group) {
      group = { name: merchant.name, income, category: tx.category, payments: [] };
      groups.set(key, group);
    }
    group.payments.push({ day: dayOf(tx.date), amount: income ? tx.amountMinor : -tx.amountMinor });
  }

  const drafts: InsightDraft[] = [];
  for (const [key, group] of groups) {
    const pattern = findRecurringPattern(group.payments, rule, ctx.asOf);
    if (!pattern) continue;
    const { cadence } = pattern;
    const last = pattern.dates[pattern.dates.length - 1];
    const latest = group.payments.reduce((a, p) => Math.max(a, p.day), last);
    if (hasStopped(pattern, latest, ctx.asOf)) continue;
    const amount = moneyText(pattern.typicalAmount, ctx.currency);
    const next = dayToIso(pattern.nextExpected);
    const merchantKey = key.replace(/\|in$/, "");
    drafts.push({
      type: "recurring_payment",
      severity: "info",
      title: group.income ? `${group.name} pays you about ${amount} ${cadence.words}` : `${group.name}: about ${amount} ${cadence.words}`,
      body:
        `${group.income ? "Received" : "Paid"} ${pattern.dates.length} times since ${dayInWords(pattern.dates[0])}, ${cadence.words}. ` +
        `Next expected on ${dayInWords(pattern.nextExpected)}, about ${amount}.`,
      data: {
        merchant: group.name,
        merchantKey,
        direction: group.income ? "in" : "out",
        category: group.category,
        cadence: cadence.cadence,
        intervalDays: pattern.intervalDays,
        occurrences: pattern.dates.length,
        typicalAmount: formatAmount(pattern.typicalAmount),
        minAmount: formatAmount(pattern.amounts.reduce((a, b) => (b < a ? b : a))),
        maxAmount: formatAmount(pattern.amounts.reduce((a, b) => (b > a ? b : a))),
        lastDate: dayToIso(last),
        nextExpectedDate: next,
        recentDates: pattern.dates.slice(-6).map(dayToIso),
      },
      dedupeKey: `recurring_payment:${merchantKey}${group.income ? ":income" : ""}`,
      // A week past the next payment's window: a rerun after it arrives pushes this out.
      expiresAt: dateOfDay(pattern.nextExpected + Math.ceil(cadence.tolerance) + 7),
    });
  }
  return drafts;
}
