"use client";

import Link from "next/link";
import type { Budget } from "@/components/budgets/budget-api";
import { BudgetMeter, toneOf } from "@/components/budgets/budget-card";

// The dashboard's budgets: the most-watched numbers, the fullest budget first, each as on
// the budgets page (spent of amount, percent, bar). Up to five; the rest on the budgets page.

const SHOWN = 5;

export function BudgetsPanel({ budgets }: { budgets: Budget[] | null }) {
  if (budgets === null) return null;
  const ready = budgets.filter((b) => b.status === "ready").sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0));
  const waiting = budgets.length - ready.length;
  return (
    <section className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="budgets-panel-title" data-testid="budgets-panel">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="budgets-panel-title" className="text-base font-semibold text-slate-900">
          Budgets
        </h2>
        <Link href="/dashboard/budgets" className="rounded text-sm font-medium text-indigo-700 hover:underline">
          {budgets.length ? "All budgets" : "Set a budget"}
        </Link>
      </div>
      {budgets.length === 0 ? (
        <p className="text-sm text-slate-600">No budgets yet. A budget shows here how much of it this period has used.</p>
      ) : (
        <ul className="grid gap-x-6 gap-y-4 md:grid-cols-2">
          {ready.slice(0, SHOWN).map((b) => (
            <li key={b.id} className="space-y-1.5" data-testid="budgets-panel-item">
              <p className="truncate text-sm font-medium text-slate-800">{b.title}</p>
              <BudgetMeter budget={b} tone={toneOf(b)} />
            </li>
          ))}
        </ul>
      )}
      {waiting > 0 || ready.length > SHOWN ? (
        <p className="mt-3 text-xs text-slate-500">
          {[
            ready.length > SHOWN ? `${ready.length - SHOWN} more on the budgets page` : null,
            waiting > 0 ? `${waiting} still being processed or in error` : null,
          ]
            .filter(Boolean)
            .join("; ")}
          .
        </p>
      ) : null}
    </section>
  );
}
