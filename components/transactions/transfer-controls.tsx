"use client";

import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { BadgeError, useBusyAction } from "@/components/use-busy-action";
import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import type { Transaction } from "./transaction-api";
import { deleteTransferLink, fetchTransferCandidates, postTransferLink, type TransferCandidate } from "./transfer-api";

// A transfer between the person's own accounts, on its row: "Transfer ↔ Savings" with Unlink,
// and the dialog that links a row with its other side by hand (candidates from the API).

export type TransferChanged = (message: string, jobId: string | null) => void;

/** The badge of a row that is one side of a transfer, with its Unlink button. */
export function TransferBadge({ transaction: t, onChanged }: { transaction: Transaction; onChanged: TransferChanged }) {
  const { busy, error, run } = useBusyAction();
  if (!t.transfer) return null;
  const other = t.transfer.accountName ?? "another account";
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-1.5 gap-y-1" data-testid="transfer-badge">
      <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900 ring-1 ring-inset ring-sky-200" title="Not counted as income or spending">
        Transfer ↔ {other}
      </span>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          run(async () => {
            const res = await deleteTransferLink(t.id);
            if (!res.ok) return res.message;
            onChanged(`Unlinked “${t.description}” from its other side; both count as income or spending again.`, res.data.jobId);
            return null;
          })
        }
        aria-label={`Unlink the transfer of ${t.description}`}
        className="inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-1.5 py-0.5 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {busy ? <Spinner className="h-3 w-3" /> : null}
        Unlink
      </button>
      <BadgeError message={error} />
    </span>
  );
}

/** The row's button that opens the link dialog (rows not yet in a transfer). */
export function LinkTransferButton({ transaction: t, onChanged }: { transaction: Transaction; onChanged: TransferChanged }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  if (t.transfer) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(true)}
        aria-label={`Link ${t.description} as a transfer`}
        title="Link as a transfer"
        data-testid="link-transfer"
        className="rounded-md px-1.5 py-1 text-slate-700 hover:bg-slate-100"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
          <path d="M4 7h11M12 4l3 3-3 3M16 13H5M8 10l-3 3 3 3" />
        </svg>
      </button>
      {open ? (
        <LinkTransferDialog
          transaction={t}
          onClose={() => {
            setOpen(false);
            button.current?.focus();
          }}
          onLinked={(message, jobId) => {
            setOpen(false);
            onChanged(message, jobId);
          }}
        />
      ) : null}
    </>
  );
}

function LinkTransferDialog({ transaction: t, onClose, onLinked }: { transaction: Transaction; onClose: () => void; onLinked: TransferChanged }) {
  const [candidates, setCandidates] = useState<TransferCandidate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linking, setLinking] = useState<string | null>(null);
  /** A candidate in another currency waits for a second click. */
  const [confirmCurrency, setConfirmCurrency] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    heading.current?.focus();
    void fetchTransferCandidates(t.id).then((res) => {
      if (!live) return;
      if (res.ok) setCandidates(res.data.candidates);
      else setError(res.message);
    });
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => {
      live = false;
      document.removeEventListener("keydown", onKey);
    };
  }, [t.id, onClose]);

  async function link(c: TransferCandidate) {
    setLinking(c.id);
    setError(null);
    const res = await postTransferLink(t.id, c.id, confirmCurrency === c.id);
    setLinking(null);
    if (res.ok) {
      onLinked(`Linked “${t.description}” with “${c.description}” (${c.accountName}) as a transfer.`, res.data.jobId);
      return;
    }
    if (res.status === 422 && res.fields?.allowCurrencyMismatch) {
      setConfirmCurrency(c.id);
      setError(res.fields.allowCurrencyMismatch[0]);
      return;
    }
    setError(res.fields ? Object.values(res.fields).flat()[0] ?? res.message : res.message);
  }

  return (
    <div className="fixed inset-0 z-40 flex items-end justify-center bg-slate-900/30 p-0 sm:items-center sm:p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`link-transfer-${t.id}`}
        onClick={(e) => e.stopPropagation()}
        className="max-h-[85vh] w-full overflow-y-auto rounded-t-xl bg-white p-4 text-left shadow-xl sm:max-w-lg sm:rounded-xl"
        data-testid="link-transfer-dialog"
      >
        <div className="flex items-start justify-between gap-3">
          <div>
            <h2 id={`link-transfer-${t.id}`} ref={heading} tabIndex={-1} className="text-base font-semibold text-slate-900 outline-none">
              Link as a transfer
            </h2>
            <p className="mt-1 whitespace-normal text-sm text-slate-600">
              Pick the other side of “{t.description}” ({formatDayLabel(t.date)}, <Money amount={t.amount} />). A transfer between your accounts is
              not counted as income or spending.
            </p>
          </div>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Close
          </button>
        </div>
        {error ? (
          <p role="alert" className="mt-3 whitespace-normal rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
        {candidates === null && !error ? (
          <p className="mt-4 flex items-center gap-2 text-sm text-slate-600">
            <Spinner className="h-4 w-4" /> Looking for the other side…
          </p>
        ) : null}
        {candidates && candidates.length === 0 ? (
          <p className="mt-4 whitespace-normal text-sm text-slate-600">
            No transaction the other way round in another account within two weeks of this one.
          </p>
        ) : null}
        {candidates && candidates.length > 0 ? (
          <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="transfer-candidates">
            {candidates.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <div className="min-w-0 whitespace-normal">
                  <span className="block break-words text-sm font-medium text-slate-900">{c.description}</span>
                  <span className="block text-xs text-slate-600">
                    {formatDayLabel(c.date)} · {c.accountName}
                    {c.sameAmount ? " · same amount" : null}
                  </span>
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  <span className="text-sm font-medium tabular-nums text-slate-900">
                    {c.amount} {c.currency}
                  </span>
                  <button
                    type="button"
                    disabled={linking !== null}
                    onClick={() => void link(c)}
                    aria-label={`Link with ${c.description} on ${c.date} in ${c.accountName}`}
                    className="inline-flex items-center gap-1 rounded-md bg-indigo-600 px-2 py-1 text-xs font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
                  >
                    {linking === c.id ? <Spinner className="h-3 w-3" /> : null}
                    {confirmCurrency === c.id ? "Link anyway" : "Link"}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
