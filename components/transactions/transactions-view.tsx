"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { JobProgress } from "@/components/job-progress";
import { announceJobFinished } from "@/lib/hooks/use-job-status";
import {
  createTransaction,
  deleteTransaction,
  fetchTransactions,
  PAGE_SIZE,
  placeTransaction,
  updateTransaction,
  type Transaction,
  type TransactionInput,
  type TransactionPage,
} from "./api";
import { TransactionForm, type SubmitOutcome, type TransactionFormValues } from "./transaction-form";
import { TransactionRow } from "./transaction-row";

// The transactions page: add form, a newest-first table with "Load more", inline edit and
// delete. Every change queues a summary recompute; its progress is shown until it is done.

export function TransactionsView({ initialPage }: { initialPage: TransactionPage | null }) {
  const router = useRouter();
  const [items, setItems] = useState<Transaction[]>(initialPage?.transactions ?? []);
  const [nextCursor, setNextCursor] = useState<string | null>(initialPage?.nextCursor ?? null);
  const [total, setTotal] = useState(initialPage?.total ?? 0);
  const [listState, setListState] = useState<"ready" | "loading" | "error">(initialPage ? "ready" : "loading");
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [extraCategories, setExtraCategories] = useState<string[]>([]);

  const loadFirst = useCallback(() => {
    // State is set in the callback only (this also runs from an effect).
    return fetchTransactions(PAGE_SIZE).then((res) => {
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setListState("error");
        return;
      }
      setItems(res.data.transactions);
      setNextCursor(res.data.nextCursor);
      setTotal(res.data.total);
      setListState("ready");
    });
  }, [router]);

  useEffect(() => {
    if (!initialPage) void loadFirst();
  }, [initialPage, loadFirst]);

  const categories = useMemo(() => {
    const set = new Set<string>(extraCategories);
    for (const t of items) if (t.category) set.add(t.category);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [items, extraCategories]);

  function rememberCategory(name: string | null) {
    if (name && !categories.includes(name)) setExtraCategories((c) => [...c, name]);
  }

  async function loadMore() {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    const res = await fetchTransactions(PAGE_SIZE, nextCursor);
    setLoadingMore(false);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setMoreError(res.message);
      return;
    }
    setItems((prev) => {
      const seen = new Set(prev.map((t) => t.id));
      return [...prev, ...res.data.transactions.filter((t) => !seen.has(t.id))];
    });
    setNextCursor(res.data.nextCursor);
    setTotal(res.data.total);
  }

  function failure(res: { status: number; message: string; fields?: Record<string, string[]> }): SubmitOutcome {
    if (res.status === 401) router.replace("/login");
    return { ok: false, fields: res.fields, message: res.message };
  }

  async function add(values: TransactionFormValues): Promise<SubmitOutcome> {
    const input: TransactionInput = { date: values.date, description: values.description, amount: values.amount };
    if (values.category) input.category = values.category;
    const res = await createTransaction(input);
    if (!res.ok) return failure(res);
    const t = res.data.transaction;
    setItems((prev) => placeTransaction(prev, t, nextCursor !== null));
    setTotal((n) => n + 1);
    rememberCategory(t.category);
    setJobId(res.data.jobId);
    setNotice(`Added “${t.description}”.`);
    return { ok: true };
  }

  async function save(original: Transaction, values: TransactionFormValues): Promise<SubmitOutcome> {
    const patch: Partial<TransactionInput> = {};
    if (values.date !== original.date) patch.date = values.date;
    if (values.description !== original.description) patch.description = values.description;
    if (values.amount !== original.amount) patch.amount = values.amount;
    if ((values.category ?? null) !== (original.category ?? null)) patch.category = values.category;
    if (Object.keys(patch).length === 0) return { ok: true };

    const res = await updateTransaction(original.id, patch);
    if (!res.ok) {
      if (res.status === 404) {
        setItems((prev) => prev.filter((x) => x.id !== original.id));
        setTotal((n) => Math.max(0, n - 1));
        setNotice("That transaction no longer exists; it was removed from the list.");
        return { ok: true };
      }
      return failure(res);
    }
    const t = res.data.transaction;
    setItems((prev) => placeTransaction(prev, t, nextCursor !== null));
    rememberCategory(t.category);
    setJobId(res.data.jobId);
    setNotice(`Saved “${t.description}”.`);
    return { ok: true };
  }

  async function remove(t: Transaction): Promise<{ ok: true } | { ok: false; message: string }> {
    const res = await deleteTransaction(t.id);
    if (!res.ok && res.status !== 404) {
      if (res.status === 401) router.replace("/login");
      return { ok: false, message: res.message };
    }
    setItems((prev) => prev.filter((x) => x.id !== t.id));
    setTotal((n) => Math.max(0, n - 1));
    if (res.ok) {
      setJobId(res.data.jobId);
      setNotice(`Deleted “${t.description}”.`);
    } else {
      setNotice("That transaction was already deleted.");
    }
    return { ok: true };
  }

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Transactions</h1>
          <p className="mt-1 text-sm text-slate-600">Money in and out, newest first.</p>
        </div>
      </div>

      <section aria-labelledby="add-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="add-heading" className="mb-3 text-base font-semibold text-slate-900">
          Add a transaction
        </h2>
        <TransactionForm mode="create" categories={categories} onSubmit={add} />
      </section>

      {jobId ? (
        <div
          className="rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-3"
          data-testid="change-summary-note"
        >
          <div className="flex items-start justify-between gap-3">
            <p className="text-sm text-indigo-900" role="status">
              {notice ? <span className="font-medium">{notice} </span> : null}
              Summary updating…
            </p>
            <button
              type="button"
              onClick={() => {
                setJobId(null);
                setNotice(null);
              }}
              aria-label="Dismiss"
              className="-mr-1 -mt-0.5 rounded p-1 text-indigo-700 hover:bg-indigo-100"
            >
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true" focusable="false">
                <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
              </svg>
            </button>
          </div>
          <JobProgress
            key={jobId}
            jobId={jobId}
            className="mt-2"
            onDone={(job) => announceJobFinished(job)}
          />
          <p className="mt-2 text-xs text-indigo-800">
            Your <Link href="/dashboard" className="font-medium underline underline-offset-2">dashboard</Link> refreshes on its own once this finishes.
          </p>
        </div>
      ) : notice ? (
        <p role="status" className="rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="list-heading" className="overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
          <h2 id="list-heading" className="text-base font-semibold text-slate-900">
            History
          </h2>
          {listState === "ready" ? (
            <p className="text-sm text-slate-600 tabular-nums" data-testid="transactions-count" aria-live="polite">
              {items.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
            </p>
          ) : null}
        </div>

        {listState === "loading" ? (
          <p className="px-4 py-10 text-center text-sm text-slate-500" role="status">
            Loading transactions…
          </p>
        ) : listState === "error" ? (
          <div role="alert" className="px-4 py-8 text-center text-sm text-red-800">
            <p>We couldn&apos;t load your transactions.</p>
            <button
              type="button"
              onClick={() => {
                setListState("loading");
                void loadFirst();
              }}
              className="mt-3 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium hover:bg-red-50"
            >
              Try again
            </button>
          </div>
        ) : items.length === 0 && !nextCursor ? (
          <div className="px-4 py-12 text-center" data-testid="transactions-empty">
            <p className="text-sm font-medium text-slate-900">No transactions yet</p>
            <p className="mt-1 text-sm text-slate-600">Use the form above to add your first income or expense.</p>
          </div>
        ) : (
          <table className="w-full table-auto border-collapse" data-testid="transactions-table">
            <caption className="sr-only">Your transactions, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="hidden whitespace-nowrap px-4 py-2 sm:table-cell">
                  Date
                </th>
                <th scope="col" className="w-full px-3 py-2 sm:px-4">
                  Description
                </th>
                <th scope="col" className="hidden px-4 py-2 sm:table-cell">
                  Category
                </th>
                <th scope="col" className="px-3 py-2 text-right sm:px-4">
                  Amount
                </th>
                <th scope="col" className="px-2 py-2 text-right sm:px-4">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((t) => (
                <TransactionRow key={t.id} transaction={t} categories={categories} onSave={save} onDelete={remove} />
              ))}
            </tbody>
          </table>
        )}

        {listState === "ready" && (nextCursor || moreError) ? (
          <div className="flex flex-col items-center gap-2 border-t border-slate-200 px-4 py-4">
            {moreError ? (
              <p role="alert" className="text-sm text-red-800">
                {moreError}
              </p>
            ) : null}
            {nextCursor ? (
              <button
                type="button"
                onClick={() => void loadMore()}
                disabled={loadingMore}
                className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
              >
                {loadingMore ? <Spinner /> : null}
                {loadingMore ? "Loading…" : "Load more"}
              </button>
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
