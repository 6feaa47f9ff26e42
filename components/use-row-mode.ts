"use client";

import { useEffect, useRef, useState } from "react";

export type RowMode = "view" | "edit" | "confirm";

/**
 * A list item that can be edited in place or deleted after a confirmation (a rule, a budget, a
 * transaction): its mode, and where the keyboard goes. Into the edit form (`focusEditor`) or
 * onto the confirmation's Cancel; back to the item's Edit or Delete button when the form or the
 * confirmation closes (else it would fall to the page's body). Attach the three refs.
 */
export function useRowMode(focusEditor?: () => void) {
  const [mode, setMode] = useState<RowMode>("view");
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelDelete = useRef<HTMLButtonElement>(null);
  const openedFrom = useRef<"edit" | "delete" | null>(null);
  const focusEditorNow = useRef(focusEditor);

  useEffect(() => {
    focusEditorNow.current = focusEditor;
  });

  useEffect(() => {
    if (mode === "edit") focusEditorNow.current?.();
    else if (mode === "confirm") cancelDelete.current?.focus();
    else if (openedFrom.current) (openedFrom.current === "edit" ? editButton : deleteButton).current?.focus();
    openedFrom.current = mode === "view" ? null : mode === "edit" ? "edit" : "delete";
  }, [mode]);

  return { mode, setMode, editButton, deleteButton, cancelDelete };
}
