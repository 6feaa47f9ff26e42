"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { pollDelay } from "@/components/jobs/use-job-status";
import type { FieldErrors } from "@/components/transactions/transaction-api";
import { postBudget, removeBudget, fetchBudgets, postBudgetRetry, patchBudget, type Budget, type BudgetInput } from "./budget-api";
import { BudgetCard } from "./budget-card";
import { BudgetForm, type BudgetSubmitOutcome } from "./budget-form";
import { ListStatus } from "@/components/load-more";
import { useCurrency } from "@/components/dashboard/currency";
import { PageHeader } from "@/components/page-header";

// The budgets page: a form to create one and the list of budget cards. While any budget is
// processing, the list polls GET /api/budgets on the job-status schedule (1 s, slower after
// every 5 polls, at most 5 s) until all are ready or failed.

export function BudgetsView({ initialBudgets, categories }: { initialBudgets: Budget[] | null; categories: { id: string; name: string }[] }) {
  const router = useRouter();
  const currency = useCurrency();
  const [budgets, setBudgets] = useState<Budget[] | null>(initialBudgets);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState("");
  const polls = useRef(0);
  // Bumped by every local change (create, save, delete, retry): a list that was requested
  // before one is older than what the page shows and is dropped, so a poll in flight cannot
  // bring back a budget just deleted.
  const changes = useRef(0);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(() => {
    const requestedAt = changes.current;
    // State is set in the callback only (this also runs from an effect).
    return fetchBudgets().then((res) => {
      if (requestedAt !== changes.current) return;
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setLoadError(res.message);
        return;
      }
      setBudgets(res.data.budgets);
      setLoadError(null);
    });
  }, [router]);

  useEffect(() => {
    if (initialBudgets === null) void load();
  }, [initialBudgets, load]);

  const processing = budgets?.some((b) => b.status === "processing") ?? false;
  useEffect(() => {
    if (!processing) {
      polls.current = 0;
      return;
    }
    const timer = setTimeout(() => {
      polls.current += 1;
      void load();
    }, pollDelay(polls.current));
    return () => clearTimeout(timer);
  }, [processing, budgets, load]);

  function failure(res: { status: number; message: string; fields?: FieldErrors }): BudgetSubmitOutcome {
    if (res.status === 401) router.replace("/login");
    return { ok: false, fields: res.fields, message: res.message };
  }

  const upsert = (budget: Budget) => {
    changes.current += 1;
    setBudgets((prev) => {
      const list = prev ?? [];
      return list.some((b) => b.id === budget.id) ? list.map((b) => (b.id === budget.id ? budget : b)) : [...list, budget];
    });
  };

  async function add(input: BudgetInput): Promise<BudgetSubmitOutcome> {
    const res = await postBudget(input);
    if (!res.ok) return failure(res);
    polls.current = 0;
    upsert(res.data.budget);
    setNotice(res.data.message);
    return { ok: true };
  }

  async function save(original: Budget, input: BudgetInput): Promise<BudgetSubmitOutcome> {
    const res = await patchBudget(original.id, input);
    if (!res.ok) {
      if (res.status === 404) {
        changes.current += 1;
        setBudgets((prev) => (prev ?? []).filter((b) => b.id !== original.id));
        setNotice("That budget no longer exists; it was removed from the list.");
        return { ok: true };
      }
      return failure(res);
    }
    polls.current = 0;
    upsert(res.data.budget);
    setNotice(res.data.message);
    return { ok: true };
  }

  async function remove(budget: Budget): Promise<{ ok: true } | { ok: false; message: string }> {
    const res = await removeBudget(budget.id);
    if (!res.ok && res.status !== 404) {
      if (res.status === 401) router.replace("/login");
      return { ok: false, message: res.message };
    }
    changes.current += 1;
    setBudgets((prev) => (prev ?? []).filter((b) => b.id !== budget.id));
    setNotice(`Budget “${budget.title}” deleted.`);
    // The card and the button that had focus are gone: keep the keyboard on the list.
    requestAnimationFrame(() => listHeading.current?.focus());
    return { ok: true };
  }

  async function retry(budget: Budget) {
    const res = await postBudgetRetry(budget.id);
    if (res.ok) {
      polls.current = 0;
      upsert(res.data.budget);
      setNotice(res.data.message);
    } else {
      if (res.status === 401) router.replace("/login");
      setNotice(res.message);
      await load();
    }
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Budgets"
        description="Set an amount for a period and what counts towards it. Matching runs in the background; alerts appear when you near or pass the amount."
      >
        <p className="mt-1 text-sm text-slate-600" data-testid="budgets-rule">
          Budgets are in {currency ?? "your main currency"}: spending in accounts of other currencies does not count towards them, nor
          do transfers between your accounts; a refund lowers the spending.
        </p>
      </PageHeader>

      <p className="rounded-lg text-sm text-slate-700" role="status" aria-live="polite" data-testid="budgets-notice">
        {notice}
      </p>

      <section aria-labelledby="add-budget-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="add-budget-heading" className="mb-3 text-base font-semibold text-slate-900">
          Create a budget
        </h2>
        <BudgetForm mode="create" categories={categories} onSubmit={add} />
      </section>

      <section aria-labelledby="budgets-heading" className="space-y-3">
        <h2 id="budgets-heading" ref={listHeading} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          Your budgets
        </h2>
        {budgets === null ? (
          <ListStatus
            state={loadError ? "error" : "loading"}
            what="budgets"
            reason={loadError}
            onRetry={() => {
              setLoadError(null);
              void load();
            }}
            look="cards"
          />
        ) : budgets.length === 0 ? (
          <div className="rounded-2xl border border-dashed border-slate-300 px-4 py-10 text-center" data-testid="budgets-empty">
            <p className="text-sm font-medium text-slate-900">No budgets yet</p>
            <p className="mt-1 text-sm text-slate-600">Create one above, e.g. “Coffee”, 60.00 a month, keywords coffee.</p>
          </div>
        ) : (
          <ul className="grid gap-3 md:grid-cols-2" data-testid="budgets-list">
            {budgets.map((b) => (
              <BudgetCard key={b.id} budget={b} categories={categories} onSave={save} onDelete={remove} onRetry={retry} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
