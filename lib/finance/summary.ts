import { currencyDigits, formatAmount, ratioPercent } from "./money";

// The financial summary, built from SQL aggregates (lib/summary/compute-summary.ts) by
// pure code. Input rows come from one GROUP BY over the user's transactions: a row per
// month, category and currency (month totals are their sums, so the database hashes each row
// once). What counts as income and spending is lib/finance/countable.ts's rule (transfers
// out, refunds net their category). Amounts of different currencies are never added: the
// main currency (the user's) gets the full summary, every other currency its own totals.
// Money stays bigint until it is written out as strings.

export interface SummaryAggregateRow {
  /** "YYYY-MM" */
  month: string;
  categoryId: string | null;
  /** ISO 4217; absent means the main currency. */
  currency?: string;
  /** Income (countable money in). */
  income: bigint;
  /** Net spending: money out minus refunds (may be negative for a category in a month). */
  expenses: bigint;
  /** Every row, transfers included. */
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

/** Totals of one currency that is not the main one (never added to the main one's). */
export interface CurrencyTotals {
  currency: string;
  currentMonth: MonthTotals;
  last12Months: Totals & { from: string; to: string };
}

export interface SummaryData {
  /** The main currency (the user's): every figure below except otherCurrencies is in it. */
  currency: string;
  /** The other currencies the user has transactions in, each on its own. */
  otherCurrencies: CurrencyTotals[];
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

/** Money as text in the currency's own minor units (JPY none, BHD three: lib/finance/money). */
function totalsIn(s: Sums, digits = 2): Totals {
  const net = s.income - s.expenses;
  return {
    income: formatAmount(s.income, digits),
    expenses: formatAmount(s.expenses, digits),
    net: formatAmount(net, digits),
    savingsRate: ratioPercent(net, s.income),
    transactionCount: s.count,
  };
}

/** "YYYY-MM" of the month `offset` months before the month of `now` (UTC). */
export function monthKey(now: Date, offset = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

function categorySpend(byCategory: Map<string | null, bigint>, names: Map<string, string>, digits = 2): CategorySpend[] {
  // Shares of what the spending categories add up to (a category whose refunds outweigh its
  // spending in the period is left out, not given a negative share).
  const total = [...byCategory.values()].filter((v) => v > 0n).reduce((a, b) => a + b, 0n);
  return [...byCategory.entries()]
    .filter(([, spent]) => spent > 0n)
    .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
    .map(([categoryId, spent]) => ({
      categoryId,
      name: categoryId ? (names.get(categoryId) ?? UNCATEGORIZED) : UNCATEGORIZED,
      spent: formatAmount(spent, digits),
      share: ratioPercent(spent, total),
    }));
}

export function buildSummary(
  rows: readonly SummaryAggregateRow[],
  categoryNames: Map<string, string>,
  now: Date,
  mainCurrency = "USD",
): SummaryData {
  const window = Array.from({ length: 12 }, (_, i) => monthKey(now, 11 - i));
  const inWindow = new Set(window);
  const current = monthKey(now);

  const byMonth = new Map<string, Map<string, Sums>>();
  const spendCurrent = new Map<string | null, bigint>();
  const spend12 = new Map<string | null, bigint>();
  const currencies = new Set<string>();
  let transactionCount = 0;

  for (const row of rows) {
    transactionCount += row.count;
    if (!inWindow.has(row.month)) continue;
    const currency = row.currency ?? mainCurrency;
    currencies.add(currency);
    const perCurrency = byMonth.get(currency) ?? new Map<string, Sums>();
    byMonth.set(currency, perCurrency);
    perCurrency.set(row.month, add(perCurrency.get(row.month) ?? ZERO, row));
    if (currency !== mainCurrency) continue;
    spend12.set(row.categoryId, (spend12.get(row.categoryId) ?? 0n) + row.expenses);
    if (row.month === current) spendCurrent.set(row.categoryId, (spendCurrent.get(row.categoryId) ?? 0n) + row.expenses);
  }

  const periods = (currency: string) => {
    const digits = currencyDigits(currency);
    const totals = (s: Sums) => totalsIn(s, digits);
    const perMonth = byMonth.get(currency) ?? new Map<string, Sums>();
    const year = window.reduce((acc, month) => add(acc, perMonth.get(month) ?? ZERO), ZERO);
    return {
      months: window.map((month) => ({ month, ...totals(perMonth.get(month) ?? ZERO) })),
      currentMonth: { month: current, ...totals(perMonth.get(current) ?? ZERO) },
      last12Months: { from: window[0], to: current, ...totals(year) },
    };
  };
  const main = periods(mainCurrency);

  return {
    currency: mainCurrency,
    otherCurrencies: [...currencies]
      .filter((c) => c !== mainCurrency)
      .sort()
      .map((currency) => {
        const p = periods(currency);
        return { currency, currentMonth: p.currentMonth, last12Months: p.last12Months };
      }),
    currentMonth: main.currentMonth,
    last12Months: main.last12Months,
    months: main.months,
    categories: {
      currentMonth: categorySpend(spendCurrent, categoryNames, currencyDigits(mainCurrency)),
      last12Months: categorySpend(spend12, categoryNames, currencyDigits(mainCurrency)),
    },
    transactionCount,
  };
}

/** One month's figures (the dashboard's month switcher): the main currency's, then the others'. */
export interface MonthSummary {
  month: string;
  currency: string;
  totals: MonthTotals;
  categories: CategorySpend[];
  otherCurrencies: { currency: string; totals: MonthTotals }[];
}

/** The month's summary from rows of that month only (any other month's rows are ignored). */
export function buildMonthSummary(
  rows: readonly SummaryAggregateRow[],
  categoryNames: Map<string, string>,
  month: string,
  mainCurrency: string,
): MonthSummary {
  const sums = new Map<string, Sums>();
  const spend = new Map<string | null, bigint>();
  for (const row of rows) {
    if (row.month !== month) continue;
    const currency = row.currency ?? mainCurrency;
    sums.set(currency, add(sums.get(currency) ?? ZERO, row));
    if (currency === mainCurrency) spend.set(row.categoryId, (spend.get(row.categoryId) ?? 0n) + row.expenses);
  }
  return {
    month,
    currency: mainCurrency,
    totals: { month, ...totalsIn(sums.get(mainCurrency) ?? ZERO, currencyDigits(mainCurrency)) },
    categories: categorySpend(spend, categoryNames, currencyDigits(mainCurrency)),
    otherCurrencies: [...sums.keys()]
      .filter((c) => c !== mainCurrency)
      .sort()
      .map((currency) => ({ currency, totals: { month, ...totalsIn(sums.get(currency)!, currencyDigits(currency)) } })),
  };
}

/** The month summary of a stored summary's current month (no query). */
export function currentMonthSummary(data: SummaryData): MonthSummary {
  return {
    month: data.currentMonth.month,
    currency: data.currency,
    totals: data.currentMonth,
    categories: data.categories.currentMonth,
    otherCurrencies: data.otherCurrencies.map((o) => ({ currency: o.currency, totals: o.currentMonth })),
  };
}

/** "YYYY-MM" → its first day and the first day of the next month, "YYYY-MM-DD". */
export function monthBounds(month: string): { from: string; to: string; next: string } {
  const [y, m] = month.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const last = new Date(Date.UTC(y, m, 0));
  const next = new Date(Date.UTC(y, m, 1));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(first), to: iso(last), next: iso(next) };
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
