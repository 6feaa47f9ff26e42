"use client";

import type { RefObject } from "react";
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

