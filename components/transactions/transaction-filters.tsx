"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { DEFAULT_SORT, LIST_SORTS, MIN_SEARCH_LENGTH, listSearchParams, type ListSort } from "@/lib/transactions/list-query";
import type { AccountChoice } from "./transaction-api";
import { activeFilterCount, EMPTY_FILTER, type FilterValues } from "./filter-values";

// Search, filters and sort of the transactions list. The URL is the state: every change
// navigates to /dashboard/transactions?<filter>, so a filter can be bookmarked and the back
// button returns to the previous one; the page renders the first page of matches on the server.
// Typing in the search box replaces the URL after a pause (no history entry per keystroke);
// every other change pushes one.

const SORT_LABEL: Record<ListSort, string> = {
  "-date": "Newest first",
  date: "Oldest first",
  "-amount": "Amount, highest first",
  amount: "Amount, lowest first",
};

const fieldClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30";
const labelClass = "block text-xs font-medium text-slate-600";

export function TransactionFilters({
  value,
  accounts,
  categories,
  errors = {},
}: {
  value: FilterValues;
  accounts: AccountChoice[];
  categories: { id: string; name: string }[];
  /** Field errors of the URL's filter (a hand-edited or old bookmark). */
  errors?: Record<string, string[]>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [q, setQ] = useState(value.q);
  const [open, setOpen] = useState(activeFilterCount({ ...value, q: "" }) > 0 || Object.keys(errors).length > 0);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);

  // A navigation (back button, clear) brings a new value: the box follows it (set while
  // rendering, React's way to adjust state to a prop; the box keeps its focus).
  const [shownQ, setShownQ] = useState(value.q);
  if (shownQ !== value.q) {
    setShownQ(value.q);
    setQ(value.q);
  }
  useEffect(() => () => void (typing.current && clearTimeout(typing.current)), []);

  function go(next: FilterValues, mode: "push" | "replace" = "push") {
    // A search too short to run is left out of the URL (the hint below the box says why).
    const text = next.q.trim();
    const qs = listSearchParams({ ...next, q: text.length >= MIN_SEARCH_LENGTH ? text : "" }).toString();
    const url = qs ? `${pathname}?${qs}` : pathname;
    if (mode === "push") router.push(url, { scroll: false });
    else router.replace(url, { scroll: false });
  }

  function set<K extends keyof FilterValues>(key: K, v: string) {
    go({ ...value, q, [key]: v });
  }

  function typed(text: string) {
    setQ(text);
    if (typing.current) clearTimeout(typing.current);
    const trimmed = text.trim();
    if (trimmed.length > 0 && trimmed.length < MIN_SEARCH_LENGTH) return;
    typing.current = setTimeout(() => go({ ...value, q: trimmed }, "replace"), 400);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (typing.current) clearTimeout(typing.current);
    go({ ...value, q: q.trim() });
  }

  const count = activeFilterCount({ ...value, q: "" });
  const err = (name: string) =>
    errors[name]?.length ? (
      <p className="mt-1 text-xs text-red-700" id={`${id}-${name}-error`}>
        {errors[name].join(" ")}
      </p>
    ) : null;
  const short = q.trim().length > 0 && q.trim().length < MIN_SEARCH_LENGTH;

  return (
    <form role="search" aria-label="Find transactions" onSubmit={submit} className="space-y-3 border-b border-slate-200 px-4 py-3" data-testid="transaction-filters">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor={`${id}-q`} className="sr-only">
            Search description, payee and notes
          </label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => typed(e.target.value)}
            placeholder="Search description, payee, notes"
            maxLength={100}
            className={fieldClass}
            aria-describedby={short || errors.q ? `${id}-q-hint` : undefined}
            data-testid="transaction-search"
          />
        </div>
        <div className="basis-44">
          <label htmlFor={`${id}-sort`} className="sr-only">
            Sort
          </label>
          <select id={`${id}-sort`} value={value.sort || DEFAULT_SORT} onChange={(e) => set("sort", e.target.value)} className={fieldClass} data-testid="transaction-sort">
            {LIST_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          data-testid="filters-toggle"
        >
          Filters{count ? ` (${count})` : ""}
        </button>
        {count > 0 || value.q || (value.sort && value.sort !== DEFAULT_SORT) ? (
          <button
            type="button"
            onClick={() => {
              setQ("");
              go({ ...EMPTY_FILTER });
            }}
            className="rounded-lg px-3 py-2 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline"
            data-testid="clear-filters"
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {short || errors.q ? (
        <p id={`${id}-q-hint`} className={`text-xs ${errors.q ? "text-red-700" : "text-slate-500"}`}>
          {errors.q ? errors.q.join(" ") : `Type at least ${MIN_SEARCH_LENGTH} characters to search.`}
        </p>
      ) : null}

      <div id={`${id}-panel`} hidden={!open} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <label htmlFor={`${id}-account`} className={labelClass}>
            Account
          </label>
          <select id={`${id}-account`} value={value.accountId} onChange={(e) => set("accountId", e.target.value)} className={`mt-1 ${fieldClass}`} data-testid="filter-account">
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {err("accountId")}
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <label htmlFor={`${id}-category`} className={labelClass}>
            Category
          </label>
          <select
            id={`${id}-category`}
            value={value.uncategorized === "1" ? "__none" : value.category}
            onChange={(e) =>
              e.target.value === "__none"
                ? go({ ...value, q, category: "", uncategorized: "1" })
                : go({ ...value, q, category: e.target.value, uncategorized: "" })
            }
            className={`mt-1 ${fieldClass}`}
            data-testid="filter-category"
          >
            <option value="">All categories</option>
            <option value="__none">Uncategorized</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {err("category")}
          {err("uncategorized")}
        </div>
        <div className="col-span-2 sm:col-span-1 lg:col-span-2">
          <label htmlFor={`${id}-transfer`} className={labelClass}>
            Transfers
          </label>
          <select id={`${id}-transfer`} value={value.transfer} onChange={(e) => set("transfer", e.target.value)} className={`mt-1 ${fieldClass}`} data-testid="filter-transfer">
            <option value="">Include transfers</option>
            <option value="0">Without transfers</option>
            <option value="1">Only transfers</option>
          </select>
          {err("transfer")}
        </div>
        <div>
          <label htmlFor={`${id}-from`} className={labelClass}>
            From
          </label>
          <input id={`${id}-from`} type="date" value={value.from} onChange={(e) => set("from", e.target.value)} className={`mt-1 ${fieldClass}`} data-testid="filter-from" />
          {err("from")}
        </div>
        <div>
          <label htmlFor={`${id}-to`} className={labelClass}>
            To
          </label>
          <input id={`${id}-to`} type="date" value={value.to} onChange={(e) => set("to", e.target.value)} className={`mt-1 ${fieldClass}`} data-testid="filter-to" />
          {err("to")}
        </div>
        <AmountInput label="Amount from" name="min" value={value.min} onCommit={(v) => set("min", v)} error={err("min")} />
        <AmountInput label="Amount to" name="max" value={value.max} onCommit={(v) => set("max", v)} error={err("max")} />
        <label className="col-span-2 flex items-center gap-2 self-end py-2 text-sm text-slate-700 sm:col-span-1">
          <input
            type="checkbox"
            checked={value.review === "1"}
            onChange={(e) => set("review", e.target.checked ? "1" : "")}
            className="h-4 w-4 rounded border-slate-300 text-indigo-600"
            data-testid="filter-review"
          />
          Needs review
        </label>
        <p className="col-span-2 self-end text-xs text-slate-500 sm:col-span-3 lg:col-span-6">Amounts are signed: money out is negative (−50 to −10 finds spending between 10 and 50).</p>
      </div>
    </form>
  );
}

function AmountInput({ label, name, value, onCommit, error }: { label: string; name: string; value: string; onCommit: (v: string) => void; error: React.ReactNode }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit();
          }
        }}
        placeholder={name === "min" ? "e.g. -100" : "e.g. -10"}
        className={`mt-1 ${fieldClass}`}
        data-testid={`filter-${name}`}
      />
      {error}
    </div>
  );
}
