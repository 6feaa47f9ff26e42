import { formatAmount, ratioPercent } from "./money";

// The financial summary, built from SQL aggregates (lib/summary/compute-summary.ts) by
// pure code. Input rows come from one GROUP BY over the user's transactions: a row per
// month and category (month totals are their sums, so the database hashes each row once).
// Money stays bigint until it is written out as strings.

export interface SummaryAggregateRow {
  /** "YYYY-MM" */
  month: string;
  categoryId: string | null;
  income: bigint;
  expenses: bigint;
  count: number;
}

export interface Totals {
  income: string;
  expenses: string;
  net: string;
  /** Net as a percentage of income, one decimal; null without income. */
  savingsRate: number | null;
  transactionCount: number;
}

export interface MonthTotals extends Totals {
  month: string;
}

export interface CategorySpend {
  categoryId: string | null;
  name: string;
  spent: string;
  /** Percentage of the period's expenses, one decimal. */
  share: number | null;
}

export interface SummaryData {
  currentMonth: MonthTotals;
  last12Months: Totals & { from: string; to: string };
  /** The last 12 months including the current one, oldest first, empty months included. */
  months: MonthTotals[];
  categories: { currentMonth: CategorySpend[]; last12Months: CategorySpend[] };
  /** All transactions of the user, any date. */
  transactionCount: number;
}

export const UNCATEGORIZED = "Uncategorized";

interface Sums {
  income: bigint;
  expenses: bigint;
  count: number;
}

const ZERO: Sums = { income: 0n, expenses: 0n, count: 0 };

function add(a: Sums, b: Sums): Sums {
  return { income: a.income + b.income, expenses: a.expenses + b.expenses, count: a.count + b.count };
}

function totals(s: Sums): Totals {
  const net = s.income - s.expenses;
  return {
    income: formatAmount(s.income),
    expenses: formatAmount(s.expenses),
    net: formatAmount(net),
    savingsRate: ratioPercent(net, s.income),
    transactionCount: s.count,
  };
}

/** "YYYY-MM" of the month `offset` months before the month of `now` (UTC). */
export function monthKey(now: Date, offset = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function categorySpend(byCategory: Map<string | null, bigint>, names: Map<string, string>): CategorySpend[] {
  const total = [...byCategory.values()].reduce((a, b) => a + b, 0n);
  return [...byCategory.entries()]
    .filter(([, spent]) => spent > 0n)
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
    .map(([categoryId, spent]) => ({
      categoryId,
      name: categoryId ? (names.get(categoryId) ?? UNCATEGORIZED) : UNCATEGORIZED,
      spent: formatAmount(spent),
      share: ratioPercent(spent, total),
    }));
}

export function buildSummary(
  rows: readonly SummaryAggregateRow[],
  categoryNames: Map<string, string>,
  now: Date,
): SummaryData {
  const window = Array.from({ length: 12 }, (_, i) => monthKey(now, 11 - i));
  const inWindow = new Set(window);
  const current = monthKey(now);

  const byMonth = new Map<string, Sums>();
  const spendCurrent = new Map<string | null, bigint>();
  const spend12 = new Map<string | null, bigint>();
  let transactionCount = 0;

  for (const row of rows) {
    transactionCount += row.count;
    if (!inWindow.has(row.month)) continue;
    byMonth.set(row.month, add(byMonth.get(row.month) ?? ZERO, row));
    spend12.set(row.categoryId, (spend12.get(row.categoryId) ?? 0n) + row.expenses);
    if (row.month === current) spendCurrent.set(row.categoryId, (spendCurrent.get(row.categoryId) ?? 0n) + row.expenses);
  }

  const months = window.map((month) => ({ month, ...totals(byMonth.get(month) ?? ZERO) }));
  const year = window.reduce((acc, month) => add(acc, byMonth.get(month) ?? ZERO), ZERO);

  return {
    currentMonth: { month: current, ...totals(byMonth.get(current) ?? ZERO) },
    last12Months: { from: window[0], to: current, ...totals(year) },
    months,
    categories: {
      currentMonth: categorySpend(spendCurrent, categoryNames),
      last12Months: categorySpend(spend12, categoryNames),
    },
    transactionCount,
  };
}
