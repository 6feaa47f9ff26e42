import { Spinner } from "@/components/auth/auth-field";

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
