"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { formatDayLabel as formatDay } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import { requestJson, type Transaction } from "@/components/transactions/transaction-api";

// The categorize suggestions waiting for the person, reviewed quickly: each row shows the
// suggestion preselected in a category picker (pick another inline) and the payee in a text
// field (correct it inline); rows are accepted or rejected one by one or, ticked, in bulk.

interface ReviewList {
  transactions: Transaction[];
  total: number;
  categories: string[];
}

interface ReviewItem {
  id: string;
  action: "accept" | "reject";
  category?: string;
  payee?: string | null;
}

interface Draft {
  category: string;
  payee: string;
}

export interface ReviewedTransactions {
  transactions: Transaction[];
  accepted: number;
  rejected: number;
  jobId: string;
}

interface Props {
  /** Changes when a categorize run finishes: the list is read again. */
  refreshKey: number;
  onReviewed: (outcome: ReviewedTransactions) => void;
  /** 401: the caller sends the person to sign in. */
  onSignedOut: () => void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function ReviewSuggestionsPanel({ refreshKey, onReviewed, onSignedOut }: Props) {
  const [list, setList] = useState<ReviewList | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    // State is set in the callback only (this also runs from an effect).
    return requestJson<ReviewList>("GET", "/api/transactions/review").then((res) => {
      if (!res.ok) {
        if (res.status === 401) onSignedOut();
        setError(`The suggestions couldn’t be loaded (${res.message}).`);
        return;
      }
      setList(res.data);
      setDrafts(Object.fromEntries(res.data.transactions.map((t) => [t.id, { category: t.suggestedCategory ?? "", payee: t.payee ?? "" }])));
      setSelected(new Set());
    });
  }, [onSignedOut]);

  useEffect(() => {
    // The list is read after mount and after every categorize run (refreshKey).
    void load();
  }, [load, refreshKey]);

  const categories = useMemo(() => {
    const names = new Set(list?.categories ?? []);
    for (const t of list?.transactions ?? []) if (t.suggestedCategory) names.add(t.suggestedCategory);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [list]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  if (!list || list.transactions.length === 0) {
    return error ? (
      <p role="alert" className="rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
        {error}
      </p>
    ) : null;
  }

  function itemFor(t: Transaction, action: "accept" | "reject"): ReviewItem {
    const draft = drafts[t.id];
    const item: ReviewItem = { id: t.id, action };
    if (action === "accept" && draft.category && draft.category !== t.suggestedCategory) item.category = draft.category;
    const payee = draft.payee.trim();
    if (payee !== (t.payee ?? "")) item.payee = payee || null;
    return item;
  }

  async function submit(rows: Transaction[], action: "accept" | "reject", key: string) {
    const missing = action === "accept" ? rows.filter((t) => !drafts[t.id].category) : [];
    if (missing.length) {
      setError(`Pick a category for “${missing[0].description}”${missing.length > 1 ? ` and ${plural(missing.length - 1, "other", "others")}` : ""} first.`);
      return;
    }
    setBusy(key);
    setError(null);
    const res = await requestJson<ReviewedTransactions>("POST", "/api/transactions/review", { items: rows.map((t) => itemFor(t, action)) });
    setBusy(null);
    if (!res.ok) {
      if (res.status === 401) onSignedOut();
      setError(res.message);
      if (res.status === 404) void load();
      return;
    }
    const done = new Set(rows.map((t) => t.id));
    // The buttons that had focus are gone or disabled: keep the keyboard in the panel, or on the
    // transactions list when the panel has nothing left. Decided here and done after the render
    // that removes the rows (a frame's timer raced it: the panel's heading could still be there,
    // take the focus, and go).
    focusAfterRender.current = list && list.transactions.every((t) => done.has(t.id)) ? "list-heading" : "review-heading";
    setList((l) => (l ? { ...l, transactions: l.transactions.filter((t) => !done.has(t.id)), total: Math.max(0, l.total - done.size) } : l));
    setSelected((s) => new Set([...s].filter((id) => !done.has(id))));
    onReviewed(res.data);
  }

  const rows = list.transactions;
  const chosen = rows.filter((t) => selected.has(t.id));
  const allSelected = chosen.length === rows.length;

  return (
    <section
      aria-labelledby="review-heading"
      className="rounded-2xl border border-amber-200 bg-amber-50/60 p-4 shadow-sm sm:p-5"
      data-testid="review-panel"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="review-heading" tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
          Review suggestions
        </h2>
        <p className="text-sm text-slate-700" data-testid="review-count" aria-live="polite">
          {plural(list.total, "transaction needs", "transactions need")} your word
          {list.total > rows.length ? ` (the newest ${rows.length.toLocaleString("en-US")} shown)` : ""}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">Accept a suggestion, pick another category, fix the payee, or reject it. Tick several to do it at once.</p>

      <div className="mt-3 flex flex-wrap items-center gap-2" role="group" aria-label="Selected suggestions">
        <label className="mr-2 inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={allSelected}
            onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((t) => t.id)))}
            className="h-4 w-4 rounded border-slate-300"
            data-testid="review-select-all"
          />
          Select all
        </label>
        <button
          type="button"
          disabled={chosen.length === 0 || busy !== null}
          onClick={() => void submit(chosen, "accept", "bulk-accept")}
          className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
          data-testid="review-accept-selected"
        >
          {busy === "bulk-accept" ? <Spinner className="h-3.5 w-3.5" /> : null}
          Accept selected ({chosen.length})
        </button>
        <button
          type="button"
          disabled={chosen.length === 0 || busy !== null}
          onClick={() => void submit(chosen, "reject", "bulk-reject")}
          className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
          data-testid="review-reject-selected"
        >
          {busy === "bulk-reject" ? <Spinner className="h-3.5 w-3.5" /> : null}
          Reject selected ({chosen.length})
        </button>
      </div>

      {error ? (
        <p role="alert" className="mt-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <ul className="mt-3 divide-y divide-amber-100 overflow-hidden rounded-xl border border-amber-100 bg-white">
        {rows.map((t) => {
          const draft = drafts[t.id];
          const labelId = `review-${t.id}`;
          return (
            <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-3 sm:flex-nowrap" data-testid="review-item" data-id={t.id}>
              <input
                type="checkbox"
                checked={selected.has(t.id)}
                onChange={() =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (next.has(t.id)) next.delete(t.id);
                    else next.add(t.id);
                    return next;
                  })
                }
                aria-labelledby={labelId}
                className="h-4 w-4 shrink-0 rounded border-slate-300"
              />
              <div className="min-w-0 flex-1 basis-40">
                <p id={labelId} className="truncate text-sm font-medium text-slate-900" title={t.description}>
                  {t.description}
                </p>
                <p className="text-xs text-slate-500">
                  {formatDay(t.date)} · <Money amount={t.amount} />
                  {t.suggestedCategory ? ` · suggested ${t.suggestedCategory}` : " · no suggestion"}
                </p>
              </div>
              <label className="flex min-w-0 basis-full flex-col text-xs text-slate-600 sm:basis-44">
                Payee
                <input
                  type="text"
                  value={draft.payee}
                  maxLength={200}
                  placeholder="Merchant name"
                  onChange={(e) => setDrafts((d) => ({ ...d, [t.id]: { ...d[t.id], payee: e.target.value } }))}
                  className="mt-0.5 w-full rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-900"
                  aria-label={`Payee of ${t.description}`}
                />
              </label>
              <label className="flex min-w-0 flex-1 basis-40 flex-col text-xs text-slate-600 sm:flex-none sm:basis-48">
                Category
                <select
                  value={draft.category}
                  onChange={(e) => setDrafts((d) => ({ ...d, [t.id]: { ...d[t.id], category: e.target.value } }))}
                  className="mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
                  aria-label={`Category of ${t.description}`}
                >
                  {t.suggestedCategory ? null : <option value="">Pick a category…</option>}
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
              <div className="flex shrink-0 gap-1.5 self-end">
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void submit([t], "accept", `accept-${t.id}`)}
                  aria-label={`Accept ${draft.category || "a category"} for ${t.description}`}
                  className="inline-flex items-center gap-1 rounded-md bg-indigo-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
                >
                  {busy === `accept-${t.id}` ? <Spinner className="h-3 w-3" /> : null}
                  Accept
                </button>
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => void submit([t], "reject", `reject-${t.id}`)}
                  aria-label={`Reject the suggestion for ${t.description}`}
                  className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
                >
                  {busy === `reject-${t.id}` ? <Spinner className="h-3 w-3" /> : null}
                  Reject
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
