"use client";

import { FormError } from "@/components/auth/auth-field";
import { useCallback, useEffect, useState } from "react";
import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import { fetchReceipts, type Receipt } from "./receipt-api";
import { ReceiptPanel } from "./receipt-panel";
import { ReceiptUploadButton } from "./receipt-upload-button";
import { PageHeader } from "@/components/page-header";

const STATUS: Record<string, { label: string; tone: string }> = {
  queued: { label: "Waiting", tone: "bg-slate-100 text-slate-700" },
  processing: { label: "Reading", tone: "bg-indigo-100 text-indigo-800" },
  matched: { label: "Matched", tone: "bg-green-100 text-green-800" },
  unmatched: { label: "No match", tone: "bg-indigo-50 text-indigo-800" },
  needs_review: { label: "Confirm", tone: "bg-amber-100 text-amber-900" },
  failed: { label: "Failed", tone: "bg-red-100 text-red-800" },
};

export function ReceiptsView({ initial }: { initial: Receipt[] | null }) {
  const [receipts, setReceipts] = useState<Receipt[]>(initial ?? []);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const outcome = await fetchReceipts();
    if (outcome.ok) setReceipts(outcome.data.receipts);
    else setError(outcome.message);
  }, []);
  useEffect(() => {
    if (initial) return;
    let live = true;
    void fetchReceipts().then((outcome) => {
      if (!live) return;
      if (outcome.ok) setReceipts(outcome.data.receipts);
      else setError(outcome.message);
    });
    return () => {
      live = false;
    };
  }, [initial]);

  return (
    <div className="space-y-6">
      <PageHeader
        title="Receipts"
        description="Upload a photo of a receipt: we read the merchant, date and total and find its transaction."
        actions={
          <ReceiptUploadButton
            label="Upload a receipt"
            onUploaded={(id) => {
              setOpen(id);
              void refresh();
            }}
            className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
          />
        }
      />
      {error ? <FormError>{error}</FormError> : null}
      {receipts.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No receipts yet. JPEG, PNG or HEIC photos work, and PDFs (their first page).
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white" data-testid="receipt-list">
          {receipts.map((r) => {
            const status = STATUS[r.status] ?? STATUS.queued;
            return (
              <li key={r.id}>
                <button type="button" onClick={() => setOpen(r.id)} className="flex w-full flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-left hover:bg-slate-50">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium text-slate-900">{r.merchant ?? r.fileName}</span>
                    <span className="block text-xs text-slate-600">
                      {r.date ? formatDayLabel(r.date) : "No date read"}
                      {r.transaction ? ` · ${r.transaction.description}` : ""}
                    </span>
                  </span>
                  <span className="tabular-nums text-sm font-medium text-slate-900">{r.total ? `${r.total} ${r.currency ?? ""}` : "—"}</span>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${status.tone}`}>{status.label}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {open ? <ReceiptPanel receiptId={open} onClose={() => setOpen(null)} onChanged={refresh} /> : null}
    </div>
  );
}
