"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { appendNew, PagedListBody, useLoadMore } from "@/components/load-more";
import { fetchIssues, issuesCsvUrl, type RowIssueView } from "./import-api";
import { formatCount } from "./import-format";
import { ListTable } from "@/components/list-table";
import { TablePanel } from "@/components/table-panel";

// The rows an import did not take, by kind (errors first: those are the user's to look at),
// with the line, the reason and what the line said; paginated, and downloadable as CSV.

type Kind = "error" | "skipped";

export function ImportIssues({ importId, errorCount, skippedCount }: { importId: string; errorCount: number; skippedCount: number }) {
  const router = useRouter();
  const [kind, setKind] = useState<Kind>(errorCount > 0 || skippedCount === 0 ? "error" : "skipped");
  const [items, setItems] = useState<RowIssueView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "error">("loading");
  const [loadError, setLoadError] = useState<string | null>(null);
  const { loadingMore, moreError, setMoreError, loadMore } = useLoadMore(
    () => fetchIssues(importId, kind, nextCursor),
    (page) => {
      setItems((prev) => appendNew(prev, page.issues, (i) => i.line));
      setNextCursor(page.nextCursor);
    },
  );

  const load = useCallback(
    (k: Kind) =>
      fetchIssues(importId, k).then((res) => {
        if (!res.ok) {
          if (res.status === 401) router.replace("/login");
          setLoadError(res.message);
          setState("error");
          return;
        }
        setItems(res.data.issues);
        setNextCursor(res.data.nextCursor);
        setState("ready");
      }),
    [importId, router],
  );

  useEffect(() => {
    void load(kind);
  }, [kind, load]);

  function choose(k: Kind) {
    if (k === kind) return;
    setState("loading");
    setItems([]);
    setNextCursor(null);
    setMoreError(null);
    setKind(k);
  }


  const tabs: { kind: Kind; label: string; count: number }[] = [
    { kind: "error", label: "Errors", count: errorCount },
    { kind: "skipped", label: "Skipped", count: skippedCount },
  ];

  return (
    <TablePanel
      headingId="issues-heading"
      title="Rows not imported"
      description="Errors are rows to look at; skipped rows are balance lines, totals or pending rows."
      testId="import-issues"
      aside={
        <a
          href={issuesCsvUrl(importId)}
          download
          className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
          data-testid="issues-download"
        >
          Download issues (CSV)
        </a>
      }
    >
      <div role="tablist" aria-label="Kind of row" className="flex gap-1 border-b border-slate-200 px-3 pt-2">
        {tabs.map((t) => (
          <button
            key={t.kind}
            type="button"
            role="tab"
            id={`issues-tab-${t.kind}`}
            aria-selected={kind === t.kind}
            aria-controls="issues-panel"
            onClick={() => choose(t.kind)}
            className={`-mb-px rounded-t-lg border-b-2 px-3 py-2 text-sm font-medium ${
              kind === t.kind ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {t.label} <span className="tabular-nums text-slate-500">({formatCount(t.count)})</span>
          </button>
        ))}
      </div>
      <div id="issues-panel" role="tabpanel" aria-labelledby={`issues-tab-${kind}`}>
        <PagedListBody
          list={{
            listState: state,
            items,
            nextCursor,
            moreError,
            loadingMore,
            loadMore,
            retry: () => {
              setState("loading");
              void load(kind);
            },
          }}
          what="rows"
          reason={loadError}
          empty={
            <p className="px-4 py-8 text-center text-sm text-slate-600" data-testid="issues-empty">
              {kind === "error" ? "No rows with errors." : "No rows were skipped."}
            </p>
          }
        >
          <div className="overflow-x-auto">
            <ListTable
              caption={kind === "error" ? "Rows with errors" : "Skipped rows"}
              columns={[
                { label: "Line", className: "px-3 py-2 text-right sm:px-4" },
                { label: "Reason", className: "px-3 py-2" },
                { label: "The line", className: "w-1/2 px-3 py-2 sm:px-4" },
              ]}
            >
              {items.map((i) => (
                <tr key={i.line} className="align-top" data-testid="issue-row" data-kind={i.kind}>
                  <td className="px-3 py-2 text-right text-sm tabular-nums text-slate-600 sm:px-4">{i.line}</td>
                  <td className={`px-3 py-2 text-sm ${i.kind === "error" ? "text-red-900" : "text-slate-700"}`}>{i.reason}</td>
                  <td className="px-3 py-2 sm:px-4">
                    {i.raw ? <code className="block max-w-xl break-all font-mono text-xs text-slate-600">{i.raw}</code> : <span className="text-slate-500">—</span>}
                  </td>
                </tr>
              ))}
            </ListTable>
          </div>
        </PagedListBody>
      </div>
    </TablePanel>
  );
}
