"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Spinner } from "@/components/auth/auth-field";

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
