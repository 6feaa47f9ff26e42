"use client";

import { useEffect, useRef, useState, type RefObject } from "react";

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

/**
 * The item's Edit and Delete buttons ("Edit {name}", "Delete {name}" to a screen reader), which
 * open the form and the confirmation: pass useRowMode's editButton, deleteButton and setMode.
 */
export function EditDeleteButtons({
  name,
  editRef,
  deleteRef,
  setMode,
}: {
  name: string;
  editRef: RefObject<HTMLButtonElement | null>;
  deleteRef: RefObject<HTMLButtonElement | null>;
  setMode: (mode: RowMode) => void;
}) {
  return (
    <>
      <button
        ref={editRef}
        type="button"
        onClick={() => setMode("edit")}
        aria-label={`Edit ${name}`}
        className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
      >
        Edit
      </button>
      <button
        ref={deleteRef}
        type="button"
        onClick={() => setMode("confirm")}
        aria-label={`Delete ${name}`}
        className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
      >
        Delete
      </button>
    </>
  );
}
