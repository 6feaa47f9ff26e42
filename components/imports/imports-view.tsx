"use client";

import Link from "next/link";
import { useCallback, useEffect } from "react";
import { ListTable } from "@/components/list-table";
import { EmptyList, PagedListBody, usePagedList } from "@/components/load-more";
import { fetchImport, fetchImports, type ImportView } from "./import-api";
import { ExportCard } from "./export-card";
import { formatCount, formatDateRange, formatFileSize, formatWhen, isActiveImport, skippedApart } from "./import-format";
import { ImportStatusBadge } from "./import-status-badge";
import { UndoImport } from "./undo-import-button";
import { UploadCard } from "./upload-card";
import { TablePanel } from "@/components/table-panel";
import { PageHeader } from "@/components/page-header";

// The imports page: upload a statement, the history of imports (newest first, with counts and
// Undo), and the export. Imports still running are re-read every few seconds.

const ACTIVE_POLL_MS = 2500;

export interface ImportsPage {
  imports: ImportView[];
  nextCursor: string | null;
}

export function ImportsView({ initialPage, maxSizeLabel }: { initialPage: ImportsPage | null; maxSizeLabel?: string }) {
  const list = usePagedList({
    initialPage,
    fetchPage: (cursor) => fetchImports(cursor),
    read: (page: ImportsPage) => ({ items: page.imports, nextCursor: page.nextCursor }),
    key: (i: ImportView) => i.id,
  });
  const { items, setItems } = list;

  const replace = useCallback((next: ImportView) => {
    setItems((prev) => prev.map((x) => (x.id === next.id ? next : x)));
  }, [setItems]);

  const refreshOne = useCallback(
    async (id: string) => {
      const res = await fetchImport(id);
      if (res.ok) replace(res.data.import);
    },
    [replace],
  );

  const activeIds = items
    .filter((i) => isActiveImport(i.status))
    .map((i) => i.id)
    .join(",");

  useEffect(() => {
    if (!activeIds) return;
    const timer = setInterval(() => {
      for (const id of activeIds.split(",")) void refreshOne(id);
    }, ACTIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [activeIds, refreshOne]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Imports"
        description="Bring in your bank’s CSV exports and statement files. Rows already imported are never added twice."
        actions={
          <Link href="/dashboard/transactions" className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">
            View transactions
          </Link>
        }
      />

      <UploadCard maxSizeLabel={maxSizeLabel} />

      <TablePanel headingId="imports-history-heading" title="History">
        <PagedListBody
          list={list}
          what="imports"
          empty={
            <EmptyList testId="imports-empty" title="No imports yet">
              Upload a CSV export from your bank above; your imports will be listed here.
            </EmptyList>
          }
        >
          <div className="overflow-x-auto">
            <ListTable
              testId="imports-table"
              caption="Your imports, newest first"
              columns={[
                { label: "File", className: "px-3 py-2 sm:px-4" },
                { label: "Account", className: "hidden px-3 py-2 md:table-cell" },
                { label: "Status", className: "hidden px-3 py-2 sm:table-cell" },
                { label: "Imported", className: "hidden px-3 py-2 text-right sm:table-cell" },
                { label: "Already present", className: "hidden px-3 py-2 text-right sm:table-cell" },
                { label: "Skipped", className: "hidden px-3 py-2 text-right sm:table-cell" },
                { label: "Errors", className: "hidden px-3 py-2 text-right sm:table-cell" },
                { label: "Dates", className: "hidden px-3 py-2 lg:table-cell" },
                { label: "Actions", className: "px-3 py-2 text-right sm:px-4", srOnly: true },
              ]}
            >
              {items.map((i) => (
                <ImportRow key={i.id} imp={i} onChanged={() => void refreshOne(i.id)} />
              ))}
            </ListTable>
          </div>
        </PagedListBody>
      </TablePanel>

      <ExportCard />
    </div>
  );
}

function ImportRow({ imp, onChanged }: { imp: ImportView; onChanged: () => void }) {
  const href = `/dashboard/imports/${encodeURIComponent(imp.id)}`;
  const counted = imp.status === "completed" || imp.status === "undone" || isActiveImport(imp.status);
  const n = (v: number) => (counted ? formatCount(v) : "—");
  return (
    <tr className="align-top hover:bg-slate-50" data-testid="import-row" data-id={imp.id} data-status={imp.status}>
      <td className="px-3 py-3 text-sm sm:min-w-[14rem] sm:px-4">
        <Link href={href} className="break-words font-medium text-indigo-700 underline-offset-2 hover:underline">
          {imp.fileName}
        </Link>
        <span className="mt-0.5 block text-xs text-slate-500">
          {formatWhen(imp.createdAt)}
          <span className="hidden sm:inline"> · {formatFileSize(imp.fileSize)}</span>
        </span>
        {/* A phone has no room for the status and count columns: they read here instead. */}
        <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 sm:hidden">
          <ImportStatusBadge status={imp.status} />
          {counted ? <span className="tabular-nums">{formatCount(imp.importedCount)} imported</span> : null}
        </span>
        {imp.status === "failed" && imp.error ? <span className="mt-0.5 block text-xs text-red-800">{imp.error}</span> : null}
      </td>
      <td className="hidden px-3 py-3 text-sm text-slate-700 md:table-cell">{imp.accounts?.length > 1 ? (
          <span title={imp.accounts.map((a) => a.name).join(", ")}>
            {imp.accounts[0].name} <span className="text-slate-500">+{imp.accounts.length - 1} more</span>
          </span>
        ) : (
          (imp.accountName ?? <span className="text-slate-500">—</span>)
        )}</td>
      <td className="hidden px-3 py-3 text-sm sm:table-cell">
        <ImportStatusBadge status={imp.status} />
      </td>
      <td className="hidden px-3 py-3 text-right text-sm tabular-nums text-slate-900 sm:table-cell" data-testid="import-imported">
        {n(imp.importedCount)}
      </td>
      <td className="hidden px-3 py-3 text-right text-sm tabular-nums text-slate-700 sm:table-cell">{n(imp.duplicateCount)}</td>
      <td className="hidden px-3 py-3 text-right text-sm tabular-nums text-slate-700 sm:table-cell" data-testid="import-skipped">{n(skippedApart(imp).rows)}</td>
      <td className={`hidden px-3 py-3 text-right text-sm tabular-nums sm:table-cell ${imp.errorCount > 0 ? "text-red-700" : "text-slate-700"}`}>
        {n(imp.errorCount)}
      </td>
      <td className="hidden whitespace-nowrap px-3 py-3 text-sm text-slate-600 lg:table-cell">{formatDateRange(imp.dateFrom, imp.dateTo)}</td>
      <td className="px-3 py-3 text-right sm:px-4">
        <div className="flex flex-wrap items-center justify-end gap-2">
          {imp.status === "awaiting_confirmation" ? (
            <Link href={href} className="rounded-lg bg-indigo-600 px-2.5 py-1 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700">
              Review<span className="sr-only"> {imp.fileName}</span>
            </Link>
          ) : null}
          {imp.status === "completed" && imp.importedCount > 0 ? <UndoImport imp={imp} compact onDone={onChanged} /> : null}
        </div>
      </td>
    </tr>
  );
}
