"use client";

import { ListFooter, ListStatus, usePagedList } from "@/components/load-more";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { listSearchParams } from "@/lib/transactions/list-query";
import { Spinner } from "@/components/auth/auth-field";
import { ReviewSuggestionsPanel, type ReviewedTransactions } from "@/components/categorize/review-suggestions-panel";
import { postJobRetry } from "@/components/jobs/job-api";
import { JobProgress } from "@/components/job-progress";
import { announceJobFinished } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";
import {
  postTransaction,
  removeTransaction,
  fetchTransactions,
  PAGE_SIZE,
  placeTransaction,
  postCategorize,
  patchTransaction,
  type AccountChoice,
  type CategorizeKind,
  type Transaction,
  type TransactionInput,
  type TransactionPage,
} from "./transaction-api";
import { activeFilterCount, EMPTY_FILTER, type FilterValues } from "./filter-values";
import { TransactionFilters } from "./transaction-filters";
import { TransactionForm, type SubmitOutcome, type TransactionFormValues } from "./transaction-form";
import { TransactionRow } from "./transaction-row";
import { BulkBar, type BulkSelection } from "./bulk-bar";

// The transactions page: add form, a newest-first table with "Load more", inline edit and
// delete. Every change queues a summary recompute; its progress is shown until it is done.
// "Clean up payees" and "Categorize" start a categorize job and follow it in a panel; when it
// ends the list is reloaded, and low-confidence categories wait for the user's Review.

/** The API's largest page: a reload after categorizing re-reads up to this many rows. */
const MAX_PAGE = 200;

const CATEGORIZE_TITLE: Record<CategorizeKind, { running: string; button: string; hint: string }> = {
  payee_lookup: {
    running: "Cleaning up payees",
    button: "Clean up payees",
    hint: "Turns raw bank descriptions into clean payee names.",
  },
  classification: {
    running: "Categorizing transactions",
    button: "Categorize",
    hint: "Applies your rules, then suggests a category for each uncategorized transaction.",
  },
};

interface CategorizeRun {
  kind: CategorizeKind;
  jobId: string;
  /** Bumped by Retry: the same job is followed again from the start. */
  run: number;
  done: boolean;
}

function count(n: unknown): number | null {
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** "Categorized 45 (40 high confidence), 5 need review, 0 errors"; null when the result is not that shape. */
export function describeCategorizeResult(kind: CategorizeKind, result: unknown): string | null {
  if (!result || typeof result !== "object") return null;
  const r = result as Record<string, unknown>;
  const errors = count(r.errors) ?? 0;
  if (count(r.total) === 0) {
    return kind === "classification"
      ? "Nothing to categorize: every transaction already has a category."
      : "Nothing to clean up: there are no transactions to look at.";
  }
  if (kind === "classification") {
    const categorized = count(r.categorized);
    if (categorized === null) return null;
    const high = count(r.highConfidence);
    const review = count(r.needsReview) ?? 0;
    return (
      `Categorized ${categorized.toLocaleString("en-US")}${high !== null ? ` (${high.toLocaleString("en-US")} high confidence)` : ""}, ` +
      `${review.toLocaleString("en-US")} ${review === 1 ? "needs" : "need"} review, ${plural(errors, "error", "errors")}`
    );
  }
  const updated = count(r.updated);
  if (updated === null) return null;
  const unchanged = count(r.unchanged) ?? 0;
  return `Updated ${plural(updated, "payee", "payees")}, ${unchanged.toLocaleString("en-US")} unchanged, ${plural(errors, "error", "errors")}`;
}

export function TransactionsView({
  initialPage,
  accounts = [],
  account = null,
  filter = EMPTY_FILTER,
  filterErrors = {},
  categoryOptions = [],
}: {
  initialPage: TransactionPage | null;
  /** The user's open accounts, for the add and edit forms. */
  accounts?: AccountChoice[];
  /** Show only this account's transactions (from the accounts page's link). */
  account?: AccountChoice | null;
  /** Search, filters and sort, as the URL has them (the page remounts this view when they change). */
  filter?: FilterValues;
  filterErrors?: Record<string, string[]>;
  categoryOptions?: { id: string; name: string }[];
}) {
  const router = useRouter();
  const filterQuery = listSearchParams({ ...filter }).toString();
  const filtered = activeFilterCount(filter) > 0;
  // placeTransaction knows the newest-first order of the unfiltered list; in any other view an
  // edited row stays where it is and a new one is not slotted in (a reload places both).
  const newestFirstUnfiltered = !filtered && (filter.sort === "" || filter.sort === "-date");
  const place = (prev: Transaction[], t: Transaction, hasMore: boolean) =>
    newestFirstUnfiltered ? placeTransaction(prev, t, hasMore) : prev.some((x) => x.id === t.id) ? prev.map((x) => (x.id === t.id ? t : x)) : prev;
  const [total, setTotal] = useState(initialPage?.total ?? 0);
  const [totalIsCapped, setTotalIsCapped] = useState(initialPage?.totalIsCapped ?? false);
  const { items, setItems, nextCursor, setNextCursor, listState, setListState, retry, loadingMore, moreError, loadMore } = usePagedList({
    initialPage,
    fetchPage: (cursor) => fetchTransactions(PAGE_SIZE, cursor, filterQuery),
    read: (page: TransactionPage) => ({ items: page.transactions, nextCursor: page.nextCursor }),
    key: (t: Transaction) => t.id,
    onPage: (page) => {
      // Later pages count the same matches; the first page's figure stands.
      setTotal(page.total);
      setTotalIsCapped(page.totalIsCapped ?? false);
    },
  });
  // A new filter (the URL changed; the server rendered its first page): the list starts over.
  // Set while rendering, so the rest of the page (notices, a running job) stays as it was.
  const [shownQuery, setShownQuery] = useState(filterQuery);
  // Rows chosen for a bulk action, or every row the filter matches (issue 14).
  const [selectedIds, setSelectedIds] = useState<Set<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  // usePagedList's retry re-reads the filter the view was mounted with.
  const [initialQuery] = useState(filterQuery);
  const retryFiltered = () => {
    setListState("loading");
    void reloadShown();
  };
  if (shownQuery !== filterQuery) {
    setShownQuery(filterQuery);
    setItems(initialPage?.transactions ?? []);
    setNextCursor(initialPage?.nextCursor ?? null);
    setTotal(initialPage?.total ?? 0);
    setTotalIsCapped(initialPage?.totalIsCapped ?? false);
    setListState(initialPage ? "ready" : "error");
    setSelectedIds(new Set());
    setAllMatching(false);
  }
  const [notice, setNotice] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [extraCategories, setExtraCategories] = useState<string[]>([]);
  const [categorize, setCategorize] = useState<CategorizeRun | null>(null);
  /** Why the last start or retry failed; `start` names the kind that could not start. */
  const [categorizeError, setCategorizeError] = useState<{ message: string; start?: CategorizeKind } | null>(null);
  const [starting, setStarting] = useState<CategorizeKind | null>(null);
  const [retrying, setRetrying] = useState(false);
  /** Bumped when suggestions may have changed (a categorize run ended, a row was accepted). */
  const [reviewRefresh, setReviewRefresh] = useState(0);
  const toSignIn = useCallback(() => router.replace("/login"), [router]);

  /** Re-reads as many rows as are shown (up to MAX_PAGE): categories and payees changed. */
  async function reloadShown() {
    const res = await fetchTransactions(Math.min(MAX_PAGE, Math.max(PAGE_SIZE, items.length)), null, filterQuery);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setNotice(`The list couldn’t be refreshed (${res.message}). Reload the page to see the changes.`);
      return;
    }
    setItems(res.data.transactions);
    setNextCursor(res.data.nextCursor);
    setTotal(res.data.total);
    setTotalIsCapped(res.data.totalIsCapped ?? false);
    setListState("ready");
  }

  async function runCategorize(kind: CategorizeKind) {
    if (starting || (categorize && !categorize.done)) return;
    setStarting(kind);
    setCategorizeError(null);
    const res = await postCategorize(kind);
    setStarting(null);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      // The panel now speaks of this attempt, not of the finished run before it.
      setCategorize(null);
      setCategorizeError({ message: res.message, start: kind });
      return;
    }
    setCategorize({ kind, jobId: res.data.jobId, run: 0, done: false });
  }

  async function retryCategorize() {
    if (!categorize || retrying) return;
    setRetrying(true);
    setCategorizeError(null);
    const res = await postJobRetry(categorize.jobId);
    setRetrying(false);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setCategorizeError({ message: res.message });
      return;
    }
    setCategorize((c) => (c && c.jobId === res.data.id ? { ...c, run: c.run + 1, done: false } : c));
  }

  function categorizeFinished(job: JobView) {
    announceJobFinished(job);
    setCategorize((c) => (c && c.jobId === job.id ? { ...c, done: true } : c));
    // Even a failed or cancelled run may have changed some rows.
    void reloadShown();
    setReviewRefresh((n) => n + 1);
  }

  function suggestionsReviewed(outcome: ReviewedTransactions) {
    const byId = new Map(outcome.transactions.map((t) => [t.id, t]));
    setItems((prev) => prev.map((t) => byId.get(t.id) ?? t));
    for (const t of outcome.transactions) rememberCategory(t.category);
    setJobId(outcome.jobId);
    const parts = [outcome.accepted ? `accepted ${outcome.accepted}` : null, outcome.rejected ? `rejected ${outcome.rejected}` : null].filter(Boolean);
    setNotice(`Reviewed: ${parts.join(", ")}.`);
  }

  async function acceptSuggestion(t: Transaction): Promise<{ ok: true } | { ok: false; message: string }> {
    const suggestion = t.suggestedCategory;
    if (!suggestion) return { ok: true };
    const res = await patchTransaction(t.id, { category: suggestion });
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      if (res.status === 404) {
        setItems((prev) => prev.filter((x) => x.id !== t.id));
        setTotal((n) => Math.max(0, n - 1));
        setNotice("That transaction no longer exists; it was removed from the list.");
        return { ok: true };
      }
      return { ok: false, message: res.message };
    }
    // The API counts an accepted suggestion as the user's choice: no longer up for review.
    const updated: Transaction = { ...t, needsReview: false, suggestedCategory: null, ...res.data.transaction };
    setItems((prev) => place(prev, updated, nextCursor !== null));
    rememberCategory(updated.category);
    setJobId(res.data.jobId);
    setNotice(`Set “${updated.description}” to ${updated.category ?? suggestion}.`);
    setReviewRefresh((n) => n + 1);
    return { ok: true };
  }

  const categories = useMemo(() => {
    const set = new Set<string>(extraCategories);
    for (const t of items) if (t.category) set.add(t.category);
    return [...set].sort((a, b) => a.localeCompare(b));
  }, [items, extraCategories]);

  function rememberCategory(name: string | null) {
    if (name && !categories.includes(name)) setExtraCategories((c) => [...c, name]);
  }

  function failure(res: { status: number; message: string; fields?: Record<string, string[]> }): SubmitOutcome {
    if (res.status === 401) router.replace("/login");
    return { ok: false, fields: res.fields, message: res.message };
  }

  async function add(values: TransactionFormValues): Promise<SubmitOutcome> {
    const input: TransactionInput = { date: values.date, description: values.description, amount: values.amount };
    if (values.category) input.category = values.category;
    if (values.accountId) input.accountId = values.accountId;
    if (values.notes) input.notes = values.notes;
    const res = await postTransaction(input);
    if (!res.ok) return failure(res);
    const t = res.data.transaction;
    setItems((prev) => place(prev, t, nextCursor !== null));
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
    if (values.accountId && values.accountId !== (original.accountId ?? null)) patch.accountId = values.accountId;
    if ((values.notes ?? null) !== (original.notes ?? null)) patch.notes = values.notes;
    if (Object.keys(patch).length === 0) return { ok: true };

    const res = await patchTransaction(original.id, patch);
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
    setItems((prev) => place(prev, t, nextCursor !== null));
    rememberCategory(t.category);
    setJobId(res.data.jobId);
    setNotice(`Saved “${t.description}”.`);
    return { ok: true };
  }

  /** A transfer linked or unlinked: both rows change, so the shown rows are read again. */
  function transferChanged(message: string, changedJobId: string | null) {
    setNotice(message);
    if (changedJobId) setJobId(changedJobId);
    void reloadShown();
  }

  async function remove(t: Transaction): Promise<{ ok: true } | { ok: false; message: string }> {
    const res = await removeTransaction(t.id);
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
    // The row and its focused button are gone: keep the keyboard on the list.
    requestAnimationFrame(() => document.getElementById("list-heading")?.focus());
    return { ok: true };
  }

  const pageAllSelected = items.length > 0 && (allMatching || items.every((t) => selectedIds.has(t.id)));
  // "Select all N matching" takes the filter itself (rows added later that match are included).
  const offerAllMatching = nextCursor !== null || totalIsCapped || filtered;
  const bulkSelection: BulkSelection | null = allMatching
    ? { filter: Object.fromEntries(listSearchParams({ ...filter, sort: "" })) }
    : selectedIds.size
      ? { ids: [...selectedIds] }
      : null;
  const bulkLabel = allMatching
    ? `All ${total.toLocaleString("en-US")}${totalIsCapped ? "+" : ""} matching`
    : `${selectedIds.size.toLocaleString("en-US")} selected`;

  const bulkWhat = allMatching
    ? `all ${total.toLocaleString("en-US")}${totalIsCapped ? "+" : ""} ${filtered ? "matching " : ""}transactions`
    : plural(selectedIds.size, "transaction", "transactions");

  function selectRow(t: Transaction, on: boolean) {
    // Leaving "all matching" by unticking one row keeps the rest of the page chosen.
    const base = allMatching ? new Set(items.map((x) => x.id)) : new Set(selectedIds);
    if (on) base.add(t.id);
    else base.delete(t.id);
    setAllMatching(false);
    setSelectedIds(base);
  }

  function selectPage(on: boolean) {
    setAllMatching(false);
    setSelectedIds(on ? new Set(items.map((t) => t.id)) : new Set());
  }

  function clearSelection() {
    setAllMatching(false);
    setSelectedIds(new Set());
  }

  function bulkChanged() {
    clearSelection();
    void reloadShown();
  }

  const categorizeBusy = starting !== null || (categorize !== null && !categorize.done);
  const reviewCount = items.filter((t) => t.needsReview).length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Transactions</h1>
          <p className="mt-1 text-sm text-slate-600">Money in and out: search, filter and sort below.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href="/dashboard/imports"
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            data-testid="import-csv-link"
          >
            Import CSV
          </Link>
          <a
            href="/api/transactions/export"
            download
            className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            data-testid="export-csv-link"
          >
            Export CSV
          </a>
        </div>
        <div className="flex flex-wrap gap-2" role="group" aria-label="Tidy up transactions">
          {(["payee_lookup", "classification"] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              onClick={() => void runCategorize(kind)}
              disabled={categorizeBusy || (listState === "ready" && total === 0)}
              aria-describedby={`categorize-hint-${kind}`}
              data-testid={kind === "classification" ? "categorize-button" : "payee-cleanup-button"}
              className={`inline-flex items-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold shadow-sm disabled:cursor-not-allowed disabled:opacity-60 ${
                kind === "classification"
                  ? "bg-indigo-600 text-white hover:bg-indigo-700"
                  : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {starting === kind ? <Spinner /> : null}
              {CATEGORIZE_TITLE[kind].button}
              <span id={`categorize-hint-${kind}`} className="sr-only">
                {CATEGORIZE_TITLE[kind].hint}
              </span>
            </button>
          ))}
        </div>
      </div>

      {categorize || categorizeError ? (
        <section
          aria-labelledby="categorize-panel-title"
          className="rounded-2xl border border-slate-200 bg-white px-4 py-3 shadow-sm sm:px-5"
          data-testid="categorize-panel"
          data-kind={categorize?.kind}
        >
          <div className="flex items-start justify-between gap-3">
            <h2 id="categorize-panel-title" className="text-sm font-semibold text-slate-900">
              {categorize
                ? CATEGORIZE_TITLE[categorize.kind].running
                : `“${CATEGORIZE_TITLE[categorizeError?.start ?? "classification"].button}” couldn’t start`}
            </h2>
            {!categorize || categorize.done ? (
              <button
                type="button"
                onClick={() => {
                  setCategorize(null);
                  setCategorizeError(null);
                }}
                aria-label="Dismiss"
                className="-mr-1 -mt-0.5 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
              >
                <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true" focusable="false">
                  <path d="M6.3 5.3a1 1 0 0 0-1.4 1.4L8.6 10l-3.7 3.3a1 1 0 1 0 1.4 1.4L10 11.4l3.3 3.3a1 1 0 0 0 1.4-1.4L11.4 10l3.3-3.3a1 1 0 0 0-1.4-1.4L10 8.6 6.3 5.3Z" />
                </svg>
              </button>
            ) : null}
          </div>
          {categorizeError ? (
            <p role="alert" className="mt-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              {categorizeError.message}
            </p>
          ) : null}
          {categorize ? (
            <>
              <JobProgress
                key={`${categorize.jobId}:${categorize.run}`}
                jobId={categorize.jobId}
                className="mt-2"
                onDone={categorizeFinished}
                onRetry={() => void retryCategorize()}
                renderResult={(result) => describeCategorizeResult(categorize.kind, result)}
              />
              <p className="mt-2 text-xs text-slate-500">
                {categorize.done && categorize.kind === "classification" && reviewCount > 0
                  ? `${reviewCount.toLocaleString("en-US")} shown below ${reviewCount === 1 ? "needs" : "need"} your review. `
                  : null}
                <Link
                  href={`/dashboard/background-jobs?type=categorize`}
                  className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900"
                >
                  Job details and log
                </Link>
              </p>
            </>
          ) : null}
        </section>
      ) : null}

      <ReviewSuggestionsPanel refreshKey={reviewRefresh} onReviewed={suggestionsReviewed} onSignedOut={toSignIn} />

      <section id="add-transaction" aria-labelledby="add-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="add-heading" className="mb-3 text-base font-semibold text-slate-900">
          Add a transaction
        </h2>
        <TransactionForm mode="create" categories={categories} accounts={accounts} defaultAccountId={account?.id} onSubmit={add} />
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
          <h2 id="list-heading" tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
            History
          </h2>
          {listState === "ready" ? (
            <p className="text-sm text-slate-600 tabular-nums" data-testid="transactions-count" aria-live="polite">
              {filtered ? (
                <span data-testid="match-count">
                  {total.toLocaleString("en-US")}
                  {totalIsCapped ? "+" : ""} {total === 1 && !totalIsCapped ? "match" : "matches"}
                </span>
              ) : (
                <>
                  {items.length.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
                  {totalIsCapped ? "+" : ""}
                </>
              )}
            </p>
          ) : null}
        </div>
        <TransactionFilters value={filter} accounts={accounts} categories={categoryOptions} errors={filterErrors} />
        {pageAllSelected && offerAllMatching && listState === "ready" ? (
          <p className="border-b border-indigo-100 bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="select-all-banner">
            {allMatching ? (
              <>
                All {total.toLocaleString("en-US")}
                {totalIsCapped ? "+" : ""} matching transactions are selected.{" "}
                <button type="button" onClick={clearSelection} className="font-medium underline underline-offset-2">
                  Clear selection
                </button>
              </>
            ) : (
              <>
                The {items.length.toLocaleString("en-US")} shown are selected.{" "}
                <button type="button" onClick={() => setAllMatching(true)} data-testid="select-all-matching" className="font-medium underline underline-offset-2">
                  Select all {total.toLocaleString("en-US")}
                  {totalIsCapped ? "+" : ""} {filtered ? "matching" : "transactions"}
                </button>
              </>
            )}
          </p>
        ) : null}

        {listState !== "ready" ? (
          <ListStatus state={listState} what="transactions" onRetry={shownQuery === initialQuery ? retry : retryFiltered} />
        ) : items.length === 0 && !nextCursor && filtered ? (
          <div className="px-4 py-12 text-center" data-testid="transactions-no-match">
            <p className="text-sm font-medium text-slate-900">No transactions match</p>
            <p className="mt-1 text-sm text-slate-600">
              Try another search or{" "}
              <Link href="/dashboard/transactions" className="font-medium text-indigo-700 underline underline-offset-2">
                clear the filters
              </Link>
              .
            </p>
          </div>
        ) : items.length === 0 && !nextCursor ? (
          <div className="px-4 py-12 text-center" data-testid="transactions-empty">
            <p className="text-sm font-medium text-slate-900">No transactions yet</p>
            <p className="mt-1 text-sm text-slate-600">Use the form above to add your first income or expense.</p>
          </div>
        ) : (
          <table className="w-full table-auto border-collapse" data-testid="transactions-table">
            <caption className="sr-only">Your transactions{filtered ? " matching the filter" : ""}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="w-8 py-2 pl-3 pr-0 sm:pl-4">
                  <input
                    type="checkbox"
                    checked={pageAllSelected}
                    onChange={(e) => selectPage(e.target.checked)}
                    aria-label="Select every transaction shown"
                    data-testid="select-page"
                    className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
                  />
                </th>
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
                <TransactionRow
                  key={t.id}
                  transaction={t}
                  categories={categories}
                  accounts={accounts}
                  onSave={save}
                  onDelete={remove}
                  onAcceptSuggestion={acceptSuggestion}
                  onTransferChanged={transferChanged}
                  selected={allMatching || selectedIds.has(t.id)}
                  onSelect={selectRow}
                />
              ))}
            </tbody>
          </table>
        )}

        <ListFooter state={listState} nextCursor={nextCursor} moreError={moreError} loadingMore={loadingMore} onLoadMore={() => void loadMore()} />
      </section>

      <BulkBar
        selection={bulkSelection}
        label={bulkLabel}
        what={bulkWhat}
        categories={categoryOptions}
        accounts={accounts}
        onChanged={bulkChanged}
        onClear={clearSelection}
        onSignedOut={toSignIn}
      />
    </div>
  );
}
