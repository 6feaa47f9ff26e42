"use client";

import type { ReactNode, RefObject } from "react";
import { ConfirmActions, type ConfirmOutcome } from "@/components/confirm-actions";

export type DeleteOutcome = ConfirmOutcome;

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
  return <ConfirmActions label="Delete" pendingLabel="Deleting…" onConfirm={onDelete} onCancel={onCancel} cancelRef={cancelRef} />;
}

/** A row's "Delete …?" question with its Delete / Cancel pair, announced as an alert dialog. */
export function DeleteConfirmDialog({
  id,
  question,
  ...actions
}: {
  id: string;
  question: ReactNode;
  onDelete: () => Promise<DeleteOutcome>;
  onCancel: () => void;
  cancelRef: RefObject<HTMLButtonElement | null>;
}) {
  return (
    <div role="alertdialog" aria-labelledby={id} className="flex flex-wrap items-center justify-between gap-3">
      <p id={id} className="text-sm text-red-900">
        {question}
      </p>
      <DeleteConfirmActions {...actions} />
    </div>
  );
}
