import type { ReactNode } from "react";
import type { Totals } from "@/lib/finance/summary";
import { formatPercent } from "./dashboard-format";
import { Money } from "./money-amount";

/** Income, expenses, net and savings rate for one period. */
export function PeriodCard({
  title,
  period,
  totals,
  testId,
}: {
  title: string;
  period: string;
  totals: Totals;
  testId?: string;
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
        <p className="text-sm text-slate-500">{period}</p>
      </div>
      <dl className="mt-4 divide-y divide-slate-100">
        <Row label="Income">
          <Money amount={totals.income} tone="income" />
        </Row>
        <Row label="Expenses">
          <Money amount={totals.expenses} tone="expense" />
        </Row>
        <Row label="Net" strong>
          <Money amount={totals.net} tone="signed" />
        </Row>
        <Row label="Savings rate">
          <span className={`tabular-nums ${rateClass}`}>{formatPercent(rate)}</span>
        </Row>
      </dl>
      <p className="mt-3 text-xs text-slate-500">
        {n.toLocaleString("en-US")} transaction{n === 1 ? "" : "s"}
      </p>
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
