"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { LoadFailed } from "@/components/load-failed";

type PageResult<P> = { ok: true; data: P } | { ok: false; status: number; message: string };

/** The next page's items appended to a list, leaving out any already there (a row that moved). */
export function appendNew<T>(prev: T[], more: T[], key: (item: T) => string | number): T[] {
  const seen = new Set(prev.map(key));
  return [...prev, ...more.filter((item) => !seen.has(key(item)))];
}

/**
 * The "Load more" request of a cursor-paginated list: at most one at a time, its error kept
 * for <LoadMore>, a lost session sent to the sign-in page. `onPage` receives the page.
 */
export function useLoadMore<P>(fetchPage: () => Promise<PageResult<P>>, onPage: (page: P) => void) {
  const router = useRouter();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  async function loadMore() {
    if (loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    const res = await fetchPage();
    setLoadingMore(false);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      setMoreError(res.message);
      return;
    }
    onPage(res.data);
  }

  return { loadingMore, moreError, setMoreError, loadMore };
}

/** The foot of a paginated list: the last page's error, and "Load more" while there is more. */
export function LoadMore({
  error,
  hasMore,
  loading,
  onLoadMore,
}: {
  error: string | null;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {hasMore ? (
        <button
          type="button"
          onClick={onLoadMore}
          disabled={loading}
          className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 disabled:opacity-60"
        >
          {loading ? <Spinner /> : null}
          {loading ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </>
  );
}

export type ListState = "ready" | "loading" | "error";

/**
 * A cursor-paginated list's state: its items and cursor (from the server's first page when the
 * page was rendered with one, else fetched here), whether the first page is loading or failed,
 * and its "Load more". `read` takes a page apart; `onPage` sees every page (a total, say).
 */
export function usePagedList<T, P>(options: {
  initialPage: P | null;
  fetchPage: (cursor: string | null) => Promise<PageResult<P>>;
  read: (page: P) => { items: T[]; nextCursor: string | null };
  key: (item: T) => string | number;
  onPage?: (page: P) => void;
}) {
  const { initialPage, fetchPage, read, key, onPage } = options;
  const router = useRouter();
  const [items, setItems] = useState<T[]>(initialPage ? read(initialPage).items : []);
  const [nextCursor, setNextCursor] = useState<string | null>(initialPage ? read(initialPage).nextCursor : null);
  const [listState, setListState] = useState<ListState>(initialPage ? "ready" : "loading");

  // State is set in the callback only (this also runs from an effect). The callers' functions
  // are read when it runs, so a new closure each render does not refetch.
  const loadFirst = useCallback(() => {
    return fetchPage(null).then((res) => {
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setListState("error");
        return;
      }
      const page = read(res.data);
      setItems(page.items);
      setNextCursor(page.nextCursor);
      onPage?.(res.data);
      setListState("ready");
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [router]);

  useEffect(() => {
    if (!initialPage) void loadFirst();
  }, [initialPage, loadFirst]);

  const more = useLoadMore(
    () => fetchPage(nextCursor),
    (data) => {
      const page = read(data);
      setItems((prev) => appendNew(prev, page.items, key));
      setNextCursor(page.nextCursor);
      onPage?.(data);
    },
  );

  const retry = () => {
    setListState("loading");
    void loadFirst();
  };

  return { items, setItems, nextCursor, setNextCursor, listState, setListState, retry, ...more };
}

/**
 * A list's loading line, or its error (with `reason` when given) and "Try again"; nothing once
 * the list is ready. `cards`: the list is a grid of cards on the page, not rows in a panel.
 */
export function ListStatus({
  state,
  what,
  reason,
  onRetry,
  look = "panel",
}: {
  state: ListState;
  what: string;
  reason?: string | null;
  onRetry: () => void;
  look?: "panel" | "cards";
}) {
  if (state === "loading") {
    return (
      <p className={`${look === "cards" ? "py-8" : "px-4 py-10"} text-center text-sm text-slate-500`} role="status">
        Loading {what}…
      </p>
    );
  }
  if (state === "error") {
    return (
      <LoadFailed
        message={`We couldn’t load your ${what}.${reason ? ` ${reason}` : ""}`}
        onRetry={onRetry}
        className={`${look === "cards" ? "rounded-2xl border border-red-200 bg-red-50 px-4 py-6" : "px-4 py-8"} text-center text-sm text-red-800`}
      />
    );
  }
  return null;
}

/** The list's foot: "Load more" (and the last attempt's error) while the list is ready and has more. */
export function ListFooter({ state, nextCursor, moreError, loadingMore, onLoadMore }: {
  state: ListState;
  nextCursor: string | null;
  moreError: string | null;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  if (state !== "ready" || !(nextCursor || moreError)) return null;
  return (
    <div className="flex flex-col items-center gap-2 border-t border-slate-200 px-4 py-4">
      <LoadMore error={moreError} hasMore={Boolean(nextCursor)} loading={loadingMore} onLoadMore={onLoadMore} />
    </div>
  );
}

/** What a paged list's body needs: usePagedList's answer has it, a list kept otherwise can build it. */
export interface PagedListView {
  listState: ListState;
  items: readonly unknown[];
  nextCursor: string | null;
  moreError: string | null;
  loadingMore: boolean;
  loadMore: () => Promise<void>;
  retry: () => void;
}

/**
 * The body of a cursor-paginated list under its header: the first page's loading line or error,
 * `empty` when there is nothing to list, else `children` (the table), then "Load more".
 */
export function PagedListBody({
  list,
  what,
  reason,
  empty,
  children,
}: {
  list: PagedListView;
  /** "imports": the loading line and error name it. */
  what: string;
  /** Why the first page failed, when the list knows. */
  reason?: string | null;
  empty: ReactNode;
  children: ReactNode;
}) {
  const { listState, items, nextCursor } = list;
  return (
    <>
      {listState !== "ready" ? (
        <ListStatus state={listState} what={what} reason={reason} onRetry={list.retry} />
      ) : items.length === 0 && !nextCursor ? (
        empty
      ) : (
        children
      )}
      <ListFooter state={listState} nextCursor={nextCursor} moreError={list.moreError} loadingMore={list.loadingMore} onLoadMore={() => void list.loadMore()} />
    </>
  );
}

/** An empty list's message: what is missing, what to do, and an action if there is one. */
export function EmptyList({ testId, title, children, action }: { testId: string; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="px-4 py-12 text-center" data-testid={testId}>
      <p className="text-sm font-medium text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{children}</p>
      {action}
    </div>
  );
}
