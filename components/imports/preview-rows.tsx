import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import type { PreviewRow, PreviewSummary } from "./import-api";
import { formatCount, formatDateRange, plural } from "./import-format";
import { ListTable } from "@/components/list-table";

// The first rows as they would be imported with the current settings: date, description (and
// payee), category and the amount coloured in / out. A row that would not be imported shows
// why, marked as an error (the user should look) or skipped (a balance line, a pending row).

export function PreviewSummaryLine({ summary }: { summary: PreviewSummary }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="preview-summary">
      <div>
        <dt className="text-slate-500">Transactions</dt>
        <dd className="font-medium tabular-nums text-slate-900">{formatCount(summary.rows)}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Money in</dt>
        <dd className="font-medium">
          <Money amount={summary.totalIn} tone="income" />
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Money out</dt>
        <dd className="font-medium" data-testid="preview-total-out">
          <Money amount={summary.totalOut} tone="expense" />
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Dates</dt>
        <dd className="font-medium text-slate-900">{formatDateRange(summary.dateFrom, summary.dateTo)}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Not imported</dt>
        <dd className={`font-medium ${summary.errors > 0 ? "text-red-700" : "text-slate-900"}`}>
          {plural(summary.errors, "error", "errors")}, {formatCount(summary.skipped)} skipped
          {summary.skippedKinds.length > 0 ? (
            <span className="block text-xs font-normal text-slate-600" data-testid="preview-skipped-kinds">
              {summary.skippedKinds.map((k) => `${k.kind}: ${formatCount(k.count)}`).join(", ")}
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

export function PreviewRows({ rows, stale }: { rows: PreviewRow[]; stale: boolean }) {
  if (rows.length === 0) {
    return <p className="px-4 py-8 text-center text-sm text-slate-600">No rows to show with these settings.</p>;
  }
  return (
    <div className={`overflow-x-auto transition-opacity ${stale ? "opacity-50" : ""}`} aria-busy={stale}>
      <ListTable
        testId="preview-rows"
        caption="The first rows as they would be imported"
        columns={[
          { label: "Line", className: "px-3 py-2 text-right sm:px-4" },
          { label: "Date", className: "whitespace-nowrap px-3 py-2" },
          { label: "Description", className: "w-full px-3 py-2" },
          { label: "Category", className: "hidden px-3 py-2 sm:table-cell" },
          { label: "Amount", className: "px-3 py-2 text-right sm:px-4" },
        ]}
      >
        {rows.map((r) =>
          r.issue ? (
            <tr
              key={r.line}
              className={r.issue.kind === "error" ? "bg-red-50/70" : "bg-slate-50"}
              data-testid="preview-row"
              data-line={r.line}
              data-issue={r.issue.kind}
            >
              <td className="px-3 py-2 text-right text-xs tabular-nums text-slate-500 sm:px-4">{r.line}</td>
              <td colSpan={4} className="px-3 py-2 text-sm sm:px-4">
                <span
                  className={`mr-2 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                    r.issue.kind === "error" ? "bg-red-100 text-red-800 ring-red-200" : "bg-slate-100 text-slate-600 ring-slate-200"
                  }`}
                >
                  {r.issue.kind === "error" ? "Error" : "Skipped"}
                </span>
                <span className={r.issue.kind === "error" ? "text-red-900" : "text-slate-600"}>{r.issue.reason}</span>
              </td>
            </tr>
          ) : (
            <tr key={r.line} className="align-top" data-testid="preview-row" data-line={r.line}>
              <td className="px-3 py-2 text-right text-xs tabular-nums text-slate-500 sm:px-4">{r.line}</td>
              <td className="whitespace-nowrap px-3 py-2 text-sm tabular-nums text-slate-700">{r.date ? formatDayLabel(r.date) : "—"}</td>
              <td className="px-3 py-2 text-sm">
                <span className="block break-words text-slate-900">{r.description || r.payee || "—"}</span>
                {r.payee && r.description ? (
                  <span className="mt-0.5 block break-words text-xs text-slate-600" data-testid="preview-payee">
                    <span className="sr-only">Payee: </span>
                    {r.payee}
                  </span>
                ) : null}
              </td>
              <td className="hidden px-3 py-2 text-sm text-slate-700 sm:table-cell" data-testid="preview-category">
                {r.category ?? <span className="text-slate-500">—</span>}
              </td>
              <td className="px-3 py-2 text-right text-sm sm:px-4" data-testid="preview-amount">
                {r.amount !== null ? <Money amount={r.amount} /> : "—"}
              </td>
            </tr>
          ),
        )}
      </ListTable>
    </div>
  );
}
