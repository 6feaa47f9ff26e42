"use client";

import { useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { useCurrency } from "@/components/dashboard/currency";
import { formatDayLabel, formatMoney, formatPercent } from "@/components/dashboard/dashboard-format";
import { ConfirmDialog } from "@/components/confirm-actions";
import { DeleteConfirmActions, type DeleteOutcome } from "@/components/delete-confirm-actions";
import { EditDeleteButtons, useRowMode } from "@/components/use-row-mode";
import type { Budget } from "./budget-api";
import { BudgetForm, type BudgetSubmitOutcome } from "./budget-form";
import type { BudgetInput } from "./budget-api";

// One budget as a person expects it: processing (spinner), error (the reason and Retry), or
// ready (spent of amount with a bar coloured green → amber at the alert threshold → red over
// the amount, percent, what is left, how many transactions, the period's dates). Edit in
// place; delete after a confirmation.

type Tone = "ok" | "warn" | "over";

const TONE = {
  ok: { bar: "bg-green-600", text: "text-green-800", badge: "bg-green-50 text-green-800" },
  warn: { bar: "bg-amber-500", text: "text-amber-800", badge: "bg-amber-50 text-amber-800" },
  over: { bar: "bg-red-600", text: "text-red-800", badge: "bg-red-50 text-red-800" },
} as const;

export function toneOf(b: Budget): Tone {
  const pct = b.percent ?? 0;
  if (b.remaining !== null && b.remaining.startsWith("-")) return "over";
  return pct >= b.alertThresholdPercent ? "warn" : "ok";
}

function describePeriod(b: Budget): string {
  switch (b.period) {
    case "monthly":
      return "Monthly";
    case "weekly":
      return "Weekly";
    case "rolling":
      return `Last ${b.rollingDays} days`;
    case "custom":
      return "Fixed dates";
  }
}

function describeCriteria(b: Budget): string {
  const parts: string[] = [];
  if (b.category) parts.push(`category ${b.category}`);
  if (b.keywords.length) parts.push(`keywords ${b.keywords.map((k) => `“${k}”`).join(", ")}`);
  if (b.payees.length) parts.push(`payees ${b.payees.join(", ")}`);
  return parts.join(" · ");
}

interface Props {
  budget: Budget;
  categories: { id: string; name: string }[];
  onSave: (budget: Budget, input: BudgetInput) => Promise<BudgetSubmitOutcome>;
  onDelete: (budget: Budget) => Promise<DeleteOutcome>;
  onRetry: (budget: Budget) => Promise<void>;
}

export function BudgetCard({ budget, categories, onSave, onDelete, onRetry }: Props) {
  const { mode, setMode, editButton, deleteButton, cancelDelete } = useRowMode();
  const currency = useCurrency();
  const [retrying, setRetrying] = useState(false);

  const shell = "rounded-2xl border border-slate-200 bg-white p-4 shadow-sm";
  const data = { "data-testid": "budget-card", "data-id": budget.id, "data-status": budget.status } as const;

  if (mode === "edit") {
    return (
      <li className={shell} {...data}>
        <p className="mb-2 text-sm font-medium text-slate-900">Edit “{budget.title}”</p>
        <BudgetForm
          mode="edit"
          initial={budget}
          categories={categories}
          onCancel={() => setMode("view")}
          onSubmit={async (input) => {
            const outcome = await onSave(budget, input);
            if (outcome.ok) setMode("view");
            return outcome;
          }}
        />
      </li>
    );
  }

  const tone = budget.status === "ready" ? toneOf(budget) : null;

  return (
    <li className={shell} {...data}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="truncate text-base font-semibold text-slate-900">{budget.title}</h3>
          <p className="text-xs text-slate-500">
            {describePeriod(budget)} · {describeCriteria(budget)}
          </p>
        </div>
        {mode === "view" ? (
          <div className="flex items-center gap-1">
            <EditDeleteButtons name={`budget ${budget.title}`} editRef={editButton} deleteRef={deleteButton} setMode={setMode} />
          </div>
        ) : null}
      </div>

      {mode === "confirm" ? (
        <ConfirmDialog
          id={`confirm-budget-${budget.id}`}
          question={<>Delete the budget “{budget.title}” and its alerts?</>}
          className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-lg bg-red-50/60 p-3"
        >
          <DeleteConfirmActions cancelRef={cancelDelete} onDelete={() => onDelete(budget)} onCancel={() => setMode("view")} />
        </ConfirmDialog>
      ) : null}

      <div className="mt-3">
        {budget.status === "processing" ? (
          <p className="flex items-center gap-2 text-sm text-slate-700" role="status" data-testid="budget-processing">
            <Spinner className="h-4 w-4 text-indigo-600" />
            Processing transactions…
          </p>
        ) : budget.status === "error" ? (
          <div role="alert" className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="budget-error">
            <span>{budget.error ?? "Matching transactions failed."}</span>
            <button
              type="button"
              disabled={retrying}
              onClick={async () => {
                setRetrying(true);
                await onRetry(budget);
                setRetrying(false);
              }}
              className="inline-flex items-center gap-2 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium hover:bg-red-50 disabled:opacity-70"
            >
              {retrying ? <Spinner /> : null}
              Retry
            </button>
          </div>
        ) : tone ? (
          <div className="space-y-2" data-testid="budget-ready" data-tone={tone}>
            <BudgetMeter budget={budget} tone={tone} />
            <div className="flex flex-wrap justify-between gap-x-4 gap-y-1 text-xs text-slate-600">
              <span className={`font-medium ${TONE[tone].text}`}>
                {tone === "over"
                  ? `${formatMoney((budget.remaining ?? "0").replace(/^-/, ""), currency)} over`
                  : `${formatMoney(budget.remaining ?? "0", currency)} left`}
              </span>
              <span className="tabular-nums">
                {budget.transactionCount} transaction{budget.transactionCount === 1 ? "" : "s"}
              </span>
              {budget.periodStart && budget.periodEnd ? (
                <span>
                  {formatDayLabel(budget.periodStart)} – {formatDayLabel(budget.periodEnd)}
                </span>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}

/** Spent of amount, the percent and the bar: the numbers a person watches (here and on the dashboard). */
export function BudgetMeter({ budget, tone }: { budget: Budget; tone: Tone }) {
  const currency = useCurrency();
  const pct = budget.percent ?? 0;
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm text-slate-700" data-testid="budget-spent">
          <span className="text-lg font-semibold tabular-nums text-slate-900">{formatMoney(budget.spent ?? "0", currency)}</span>
          <span className="tabular-nums"> / {formatMoney(budget.amount, currency)}</span>
        </p>
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${TONE[tone].badge}`}>{formatPercent(pct)}</span>
      </div>
      <div
        role="progressbar"
        aria-label={`${budget.title}: ${formatPercent(pct)} of the budget spent`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(pct))}
        aria-valuetext={`${formatPercent(pct)} spent`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        data-testid="budget-progress"
      >
        <div className={`h-full rounded-full ${TONE[tone].bar} transition-[width] duration-500 ease-out`} style={{ width: `${Math.min(100, pct)}%` }} />
      </div>
    </>
  );
}
