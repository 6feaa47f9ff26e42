"use client";

import { useCallback, useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { FormError, Spinner } from "@/components/auth/auth-field";
import { formatDayLabel, formatMoney } from "@/components/dashboard/dashboard-format";
import { confirmReceiptFields, fetchReceipt, isReading, type Receipt } from "./receipt-api";

// A receipt opened beside the list: its picture, what was read, and what to do next: the
// matched transaction, a new transaction prefilled from it, or fields to confirm.

const POLL_MS = 1500;
const LOW = 0.6;
const STEP: Record<string, string> = {
  queued: "Waiting for the reader…",
  processing: "Reading the receipt: preparing, reading text, finding the total, matching…",
};

/** A PDF without a picture to show (still being read, or its page could not be drawn): an icon and a link to the file. */
function PdfFile({ receipt }: { receipt: Receipt }) {
  return (
    <div className="flex flex-col items-center gap-3 p-6 text-center text-sm text-slate-700" data-testid="receipt-pdf">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-12 w-12 text-red-700" fill="none" stroke="currentColor" strokeWidth="1.5">
        <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
        <path d="M14 3v5h5" />
        <text x="12" y="17" textAnchor="middle" fontSize="5" fill="currentColor" stroke="none" fontWeight="700">PDF</text>
      </svg>
      <span className="break-all">{receipt.fileName}</span>
      <a href={receipt.fileUrl} className="font-medium text-blue-700 underline hover:text-blue-900">
        Download the PDF
      </a>
    </div>
  );
}

function Confidence({ value }: { value: number }) {
  if (value >= LOW) return null;
  return <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900">check</span>;
}

export function ReceiptPanel({ receiptId, onClose, onChanged }: { receiptId: string; onClose: () => void; onChanged?: () => void }) {
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form, setForm] = useState({ merchant: "", date: "", total: "", currency: "" });
  // The picture that failed to load (a PDF whose page could not be drawn has none).
  const [brokenImage, setBrokenImage] = useState<string | null>(null);

  const load = useCallback(async () => {
    const outcome = await fetchReceipt(receiptId);
    if (!outcome.ok) return setError(outcome.message);
    const r = outcome.data.receipt;
    setReceipt(r);
    setForm({ merchant: r.merchant ?? "", date: r.date ?? "", total: r.total ?? "", currency: r.currency ?? "" });
    return r;
  }, [receiptId]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      const r = await load();
      if (!stopped && r && isReading(r)) timer = setTimeout(tick, POLL_MS);
      else if (r && !isReading(r)) onChanged?.();
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // onChanged is the caller's refresh; a new one must not restart the polling.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  async function save(extra: Record<string, unknown>) {
    setSaving(true);
    setError(null);
    const body = {
      ...(form.merchant ? { merchant: form.merchant } : {}),
      ...(form.date ? { date: form.date } : {}),
      ...(form.total ? { total: form.total } : {}),
      ...(form.currency ? { currency: form.currency } : {}),
      ...extra,
    };
    const outcome = await confirmReceiptFields(receiptId, body);
    setSaving(false);
    if (!outcome.ok) return setError(outcome.fields ? Object.values(outcome.fields).flat().join(" ") : outcome.message);
    setReceipt(outcome.data.receipt);
    onChanged?.();
  }

  const c = receipt?.confidence;
  const field = (name: keyof typeof form, label: string, type = "text", confidence = 1) => (
    <label className="block text-sm">
      <span className="font-medium text-slate-700">
        {label}
        <Confidence value={confidence} />
      </span>
      <input
        name={name}
        type={type}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        className="mt-1 block w-full rounded-lg border border-slate-300 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-200"
      />
    </label>
  );

  const panel = (
    <div className="fixed inset-0 z-40 flex justify-end bg-slate-900/20" onClick={onClose}>
      <aside
        role="dialog"
        aria-modal="true"
        aria-label="Receipt"
        data-testid="receipt-panel"
        onClick={(e) => e.stopPropagation()}
        className="flex h-full w-full max-w-3xl flex-col overflow-y-auto bg-white shadow-xl"
      >
        <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
          <h2 className="text-base font-semibold text-slate-900">Receipt{receipt?.merchant ? `: ${receipt.merchant}` : ""}</h2>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100" autoFocus>
            Close
          </button>
        </div>
        {!receipt ? (
          <div className="p-6 text-sm text-slate-600">{error ?? <Spinner />}</div>
        ) : (
          <div className="grid gap-4 p-4 md:grid-cols-2">
            <div className="rounded-lg bg-slate-100 p-2">
              {receipt.contentType === "application/pdf" && (isReading(receipt) || brokenImage === `${receipt.imageUrl}?s=${receipt.status}`) ? (
                <PdfFile receipt={receipt} />
              ) : isReading(receipt) && (receipt.contentType === "image/heic" || receipt.fileName.toLowerCase().endsWith(".heic")) ? (
                <p className="p-4 text-sm text-slate-600">The picture appears once the receipt is read.</p>
              ) : (
                // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image behind the session
                <img
                  src={`${receipt.imageUrl}?s=${receipt.status}`}
                  alt={`Receipt ${receipt.fileName}`}
                  onError={(e) => setBrokenImage(e.currentTarget.getAttribute("src"))}
                  className="mx-auto max-h-[70vh] w-auto rounded"
                />
              )}
              {receipt.contentType === "application/pdf" && !isReading(receipt) && brokenImage !== `${receipt.imageUrl}?s=${receipt.status}` ? (
                <p className="mt-2 text-center text-sm">
                  <a href={receipt.fileUrl} className="font-medium text-blue-700 underline hover:text-blue-900">
                    Download the PDF
                  </a>{" "}
                  <span className="text-slate-600">(first page shown)</span>
                </p>
              ) : null}
            </div>
            <div className="space-y-4">
              {isReading(receipt) ? (
                <p className="flex items-center gap-2 text-sm text-slate-700" role="status">
                  <Spinner /> {STEP[receipt.status]}
                </p>
              ) : receipt.status === "failed" ? (
                <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">
                  {receipt.error ?? "The receipt could not be read."}
                </p>
              ) : (
                <>
                  {receipt.status === "needs_review" ? (
                    <p className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900">Some fields were hard to read. Check them and confirm.</p>
                  ) : null}
                  {receipt.transaction ? (
                    <div className="rounded-lg bg-green-50 p-3 text-sm text-green-900" data-testid="receipt-match">
                      Attached to <strong>{receipt.transaction.description}</strong>, {formatMoney(receipt.transaction.amount)} on {formatDayLabel(receipt.transaction.date)}.
                    </div>
                  ) : receipt.status === "unmatched" ? (
                    <div className="rounded-lg bg-indigo-50 p-3 text-sm text-indigo-900">
                      No transaction of this amount around this date. Add it as a new transaction with these details?
                    </div>
                  ) : null}
                  <div className="grid grid-cols-2 gap-3">
                    <div className="col-span-2">{field("merchant", "Merchant", "text", c?.merchant)}</div>
                    {field("date", "Date", "date", c?.date)}
                    {field("total", "Total", "text", c?.total)}
                    {field("currency", "Currency")}
                  </div>
                  {error ? <FormError>{error}</FormError> : null}
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      disabled={saving}
                      onClick={() => save({})}
                      className="rounded-lg bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-700 disabled:opacity-60"
                    >
                      {receipt.status === "needs_review" ? "Confirm fields" : "Save"}
                    </button>
                    {!receipt.transactionId ? (
                      <button
                        type="button"
                        disabled={saving}
                        onClick={() => save({ createTransaction: true })}
                        className="rounded-lg border border-indigo-300 px-3 py-1.5 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60"
                      >
                        Create transaction
                      </button>
                    ) : (
                      <button
                        type="button"
                        disabled={saving}
                        onClick={() => save({ transactionId: null })}
                        className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
                      >
                        Detach
                      </button>
                    )}
                  </div>
                  {receipt.text ? (
                    <details className="text-sm">
                      <summary className="cursor-pointer text-slate-600">Text read from the receipt</summary>
                      <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs text-slate-700">{receipt.text}</pre>
                    </details>
                  ) : null}
                </>
              )}
            </div>
          </div>
        )}
      </aside>
    </div>
  );
  return typeof document === "undefined" ? null : createPortal(panel, document.body);
}
