import type { ReactNode } from "react";
import type { Totals } from "@/lib/finance/summary";
import { formatPercent } from "./dashboard-format";
import { Money } from "./money-amount";

/** Income, expenses, net and savings rate for one period, in one currency. */
export function PeriodCard({
  title,
  period,
  totals,
  testId,
  currency,
  children,
}: {
  title: string;
  period: ReactNode;
  totals: Totals;
  testId?: string;
  /** Set when the totals are in another currency than the main one. */
  currency?: string;
  /** Shown under the figures (the other currencies' totals). */
  children?: ReactNode;
}) {
  const rate = totals.savingsRate;
  const rateClass = rate === null ? "text-slate-500" : rate < 0 ? "text-red-700" : rate > 0 ? "text-green-700" : "text-slate-900";
  const n = totals.transactionCount;
  return (
    <section
      className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm"
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id={testId ? `${testId}-title` : undefined} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <div className="text-sm text-slate-500">{period}</div>
      </div>
      <dl className="mt-4 divide-y divide-slate-100">
        <Row label="Income">
          <Money amount={totals.income} tone="income" currency={currency} />
        </Row>
        <Row label="Expenses">
          <Money amount={totals.expenses} tone="expense" currency={currency} />
        </Row>
        <Row label="Net" strong>
          <Money amount={totals.net} tone="signed" currency={currency} />
        </Row>
        <Row label="Savings rate">
          <span className={`tabular-nums ${rateClass}`}>{formatPercent(rate)}</span>
        </Row>
      </dl>
      <p className="mt-3 text-xs text-slate-500">
        {n.toLocaleString("en-US")} transaction{n === 1 ? "" : "s"}
      </p>
      {children}
    </section>
  );
}

function Row({ label, strong, children }: { label: string; strong?: boolean; children: ReactNode }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`text-right ${strong ? "text-xl font-semibold" : "text-lg font-medium"}`}>{children}</dd>
    </div>
  );
}

/** Another currency's totals for the same period, never added to the main currency's. */
export function OtherCurrencyTotals({ others }: { others: { currency: string; totals: Totals }[] }) {
  if (others.length === 0) return null;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3" data-testid="other-currencies">
      <p className="text-xs font-medium text-slate-600">In other currencies (not added to the figures above)</p>
      <ul className="mt-1 space-y-1">
        {others.map((o) => (
          <li key={o.currency} className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm" data-currency={o.currency}>
            <span className="font-medium text-slate-700">{o.currency}</span>
            <span className="flex flex-wrap gap-x-3">
              <span>
                <span className="sr-only">Income </span>
                <Money amount={o.totals.income} tone="income" currency={o.currency} />
              </span>
              <span>
                <span className="sr-only">Expenses </span>
                <Money amount={o.totals.expenses} tone="expense" currency={o.currency} />
              </span>
              <span>
                <span className="text-slate-500">net </span>
                <Money amount={o.totals.net} tone="signed" currency={o.currency} />
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
