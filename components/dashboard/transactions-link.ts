import { monthBounds } from "@/lib/finance/summary";

// Where the dashboard's categories and chart bars lead: the transactions list filtered to the
// same category (or the uncategorized rows) and dates (issue 14's filter names).

export function transactionsHref(filter: { categoryId?: string | null; from: string; to: string }): string {
  const params = new URLSearchParams();
  if (filter.categoryId) params.set("category", filter.categoryId);
  else if (filter.categoryId === null) params.set("uncategorized", "1");
  params.set("from", filter.from);
  params.set("to", filter.to);
  return `/dashboard/transactions?${params.toString()}`;
}

/** The dates of months "YYYY-MM" from `first` to `last`, inclusive. */
export function monthsRange(first: string, last: string): { from: string; to: string } {
  return { from: monthBounds(first).from, to: monthBounds(last).to };
}

/** "2026-03" → "2026-02" (delta -1) or "2026-04" (delta 1). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}
