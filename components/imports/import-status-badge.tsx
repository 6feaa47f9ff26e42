import type { ImportStatus } from "./import-api";
import { IMPORT_STATUS_LABEL } from "./import-format";

const STYLE: Record<ImportStatus, string> = {
  awaiting_confirmation: "bg-amber-50 text-amber-800 ring-amber-200",
  queued: "bg-slate-100 text-slate-700 ring-slate-200",
  processing: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  completed: "bg-green-50 text-green-800 ring-green-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  undone: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLE[status] ?? STYLE.queued}`}
      data-testid="import-status"
      data-status={status}
    >
      {status === "processing" ? <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-indigo-600" /> : null}
      {IMPORT_STATUS_LABEL[status] ?? status}
    </span>
  );
}
