"use client";

import { useState, type ReactNode, type RefObject } from "react";
import { Spinner } from "@/components/auth/auth-field";

export type ConfirmOutcome = { ok: true } | { ok: false; message: string };

/**
 * The confirm / Cancel pair of a destructive step (delete a row, undo an import). While the
 * confirm runs both buttons are disabled; on success the caller moves on (the pair unmounts),
 * otherwise the reason shows beside them and they can be used again.
 */
export function ConfirmActions({
  label,
  pendingLabel,
  onConfirm,
  onCancel,
  cancelRef,
  compact = false,
  className = "flex items-center gap-2",
}: {
  label: string;
  pendingLabel: string;
  onConfirm: () => Promise<ConfirmOutcome>;
  onCancel: () => void;
  cancelRef: RefObject<HTMLButtonElement | null>;
  /** In a table row: smaller buttons. */
  compact?: boolean;
  /** The wrapper's layout ("contents" to join the caller's own row). */
  className?: string;
}) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const size = compact ? "px-2.5 py-1" : "px-3 py-1.5";
  return (
    <div className={className}>
      {error ? (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          const outcome = await onConfirm();
          if (!outcome.ok) {
            setPending(false);
            setError(outcome.message);
          }
        }}
        className={`inline-flex items-center gap-2 rounded-lg bg-red-600 ${size} text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-70`}
      >
        {pending ? <Spinner /> : null}
        {pending ? pendingLabel : label}
      </button>
      <button
        ref={cancelRef}
        type="button"
        disabled={pending}
        onClick={onCancel}
        className={`rounded-lg border border-slate-300 bg-white ${size} text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60`}
      >
        Cancel
      </button>
    </div>
  );
}

/**
 * A step awaiting confirmation, read out as an alert dialog: the question (which names what
 * will go) and, as children, its confirm / Cancel pair.
 */
export function ConfirmDialog({
  id,
  question,
  className = "flex flex-wrap items-center justify-between gap-3",
  testId,
  children,
}: {
  id: string;
  question: ReactNode;
  /** The dialog's layout and look. */
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div role="alertdialog" aria-labelledby={id} className={className} data-testid={testId}>
      <p id={id} className="text-sm text-red-900">
        {question}
      </p>
      {children}
    </div>
  );
}
