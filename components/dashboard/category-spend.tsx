"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { CategorySpend as CategorySpendRow } from "@/lib/finance/summary";
import { formatPercent, monthLong } from "./dashboard-format";
import { Money } from "./money-amount";
import { monthsRange, transactionsHref } from "./transactions-link";

type Period = "currentMonth" | "last12Months";

const COLLAPSED = 8;

export interface CategoryPeriod {
  /** First and last month "YYYY-MM" the rows cover. */
  first: string;
  last: string;
  rows: CategorySpendRow[];
}

/**
 * Net spending per category (refunds lowered it, transfers are not in it) with each one's
 * share of the period's spending; each category opens its transactions of the period.
 */
export function CategorySpend({
  categories,
  currentLabel = "This month",
}: {
  categories: Record<Period, CategoryPeriod>;
  /** The picked month's name on its tab ("This month", or e.g. "March 2025"). */
  currentLabel?: string;
}) {
  const [period, setPeriod] = useState<Period>("currentMonth");
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  const PERIODS: { key: Period; label: string }[] = [
    { key: "currentMonth", label: currentLabel },
    { key: "last12Months", label: "Last 12 months" },
  ];
  const chosen = categories[period];
  const rows = chosen.rows;
  const dates = monthsRange(chosen.first, chosen.last);
  const shown = expanded ? rows : rows.slice(0, COLLAPSED);

  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId} data-testid="category-spend">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          Spending by category
        </h2>
        <div role="group" aria-label="Period" className="inline-flex rounded-lg border border-slate-200 bg-slate-50 p-0.5">
          {PERIODS.map((p) => (
            <button
              key={p.key}
              type="button"
              aria-pressed={period === p.key}
              onClick={() => {
                setPeriod(p.key);
                setExpanded(false);
              }}
              className={`rounded-md px-3 py-1 text-sm font-medium transition ${
                period === p.key ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"
              }`}
            >
              {p.label}
            </button>
          ))}
        </div>
      </div>

      {rows.length === 0 ? (
        <p className="mt-6 text-sm text-slate-500">
          {period === "currentMonth"
            ? `No spending recorded in ${monthLong(chosen.first)}.`
            : "No spending recorded in the last 12 months."}
        </p>
      ) : (
        <ul className="mt-4 space-y-3">
          {shown.map((c) => {
            const share = c.share ?? 0;
            return (
              <li key={c.categoryId ?? "uncategorized"}>
                <div className="flex items-baseline justify-between gap-3 text-sm">
                  <Link
                    href={transactionsHref({ categoryId: c.categoryId, ...dates })}
                    className={`min-w-0 truncate underline-offset-2 hover:underline ${c.categoryId ? "text-slate-800" : "italic text-slate-500"}`}
                    title={`${c.name}: its transactions from ${dates.from} to ${dates.to}`}
                  >
                    {c.name}
                  </Link>
                  <span className="flex shrink-0 items-baseline gap-3">
                    <Money amount={c.spent} tone="expense" className="font-medium" />
                    <span className="w-14 text-right tabular-nums text-slate-500">{formatPercent(c.share)}</span>
                  </span>
                </div>
                <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                  <div className="h-full rounded-full bg-red-500" style={{ width: `${Math.min(100, Math.max(share > 0 ? 1 : 0, share))}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {rows.length > COLLAPSED ? (
        <button
          type="button"
          onClick={() => setExpanded((e) => !e)}
          aria-expanded={expanded}
          className="mt-4 rounded text-sm font-medium text-indigo-700 hover:text-indigo-900"
        >
          {expanded ? "Show fewer" : `Show all ${rows.length} categories`}
        </button>
      ) : null}
    </section>
  );
}
