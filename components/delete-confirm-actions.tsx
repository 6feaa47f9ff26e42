"use client";

import { useState, type RefObject } from "react";
import { Spinner } from "@/components/auth/auth-field";

export type DeleteOutcome = { ok: true } | { ok: false; message: string };

/**
 * The Delete / Cancel pair of a row awaiting confirmation. On success the row unmounts;
 * otherwise the reason shows and the row stays.
 */
export function DeleteConfirmActions({
  onDelete,
  onCancel,
  cancelRef,
}: {
  onDelete: () => Promise<DeleteOutcome>;
  onCancel: () => void;
  cancelRef: RefObject<HTMLButtonElement | null>;
}) {
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      ) : null}
      <button
        type="button"
        disabled={deleting}
        onClick={async () => {
          setDeleting(true);
          setError(null);
          const outcome = await onDelete();
          if (!outcome.ok) {
            setDeleting(false);
            setError(outcome.message);
          }
        }}
        className="inline-flex items-center gap-2 rounded-lg bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-70"
      >
        {deleting ? <Spinner /> : null}
        {deleting ? "Deleting…" : "Delete"}
      </button>
      <button
        ref={cancelRef}
        type="button"
        disabled={deleting}
        onClick={onCancel}
        className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        Cancel
      </button>
    </div>
  );
}
