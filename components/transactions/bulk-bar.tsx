"use client";

import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { JobProgress } from "@/components/job-progress";
import { announceJobFinished } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";
import type { BulkActionKind } from "@/lib/transactions/bulk-action-input";
import { postBulkAction, postBulkUndo, type BulkRequest, type BulkStarted } from "./bulk-api";
import type { AccountChoice } from "./transaction-api";

// The transactions list's bulk bar (issue 14): sticky at the bottom of the screen while rows
// are chosen or a bulk action's outcome is shown. Set category, move to an account, mark
// reviewed, delete (after a confirm) on the chosen rows or on everything the filter matches;
// a small action answers at once, a large one shows its job's progress; then Undo.

export type BulkSelection = { ids: string[] } | { filter: Record<string, string> };

interface Outcome {
  bulkId: string;
  /** "apply" offers Undo once finished; "undo" is the end. */
  phase: "apply" | "undo";
  /** A bulk-action job to follow, or null when it ran in the request. */
  jobId: string | null;
  message: string | null;
  done: boolean;
  failed: boolean;
}

function messageOf(result: unknown): string | null {
  return result && typeof result === "object" && typeof (result as { message?: unknown }).message === "string" ? (result as { message: string }).message : null;
}

export function BulkBar({
  selection,
  label,
  what,
  categories,
  accounts,
  onChanged,
  onClear,
  onSignedOut,
}: {
  selection: BulkSelection | null;
  /** "3 selected", "All 1,204 matching". */
  label: string;
  /** The delete question's object: "2 transactions", "all 1,204 matching transactions". */
  what: string;
  categories: { id: string; name: string }[];
  accounts: AccountChoice[];
  /** Rows changed (applied or undone): the list reloads and the choice is cleared. */
  onChanged: () => void;
  onClear: () => void;
  onSignedOut: () => void;
}) {
  const [categoryId, setCategoryId] = useState("");
  const [accountId, setAccountId] = useState("");
  const [busy, setBusy] = useState<BulkActionKind | "undo" | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirmDelete) cancelRef.current?.focus();
  }, [confirmDelete]);

  // After an inline action the keyboard lands on Undo (the chosen rows' checkboxes were cleared);
  // after the render that shows it, not before.
  const focusUndo = useRef(false);
  useEffect(() => {
    if (focusUndo.current && undoRef.current) {
      focusUndo.current = false;
      undoRef.current.focus();
    }
  }, [outcome]);

  // A new choice of rows starts afresh: a finished undo's note gives way to it (an outcome that
  // still offers Undo stays until dismissed).
  const [chosen, setChosen] = useState(selection !== null);
  if (chosen !== (selection !== null)) {
    setChosen(selection !== null);
    if (selection !== null && outcome?.done && outcome.phase === "undo") setOutcome(null);
    if (selection === null) setConfirmDelete(false);
  }

  function started(res: BulkStarted, phase: Outcome["phase"]) {
    const inline = res.ran === "inline";
    setOutcome({ bulkId: res.bulk.id, phase, jobId: inline ? null : res.jobId, message: inline ? res.bulk.message : null, done: inline, failed: false });
    if (inline) {
      focusUndo.current = phase === "apply";
      onChanged();
    }
  }

  async function run(action: BulkActionKind) {
    if (!selection || busy) return;
    const body: BulkRequest =
      action === "set-category"
        ? { action, categoryId: categoryId === "none" ? null : categoryId, selection }
        : action === "set-account"
          ? { action, accountId, selection }
          : { action, selection };
    setBusy(action);
    setError(null);
    const res = await postBulkAction(body);
    setBusy(null);
    setConfirmDelete(false);
    if (!res.ok) {
      if (res.status === 401) onSignedOut();
      const fields = res.fields ? Object.values(res.fields).flat().join(" ") : "";
      setError(fields ? `${res.message}: ${fields}` : res.message);
      return;
    }
    started(res.data, "apply");
  }

  async function undo() {
    if (!outcome || busy) return;
    setBusy("undo");
    setError(null);
    const res = await postBulkUndo(outcome.bulkId);
    setBusy(null);
    if (!res.ok) {
      if (res.status === 401) onSignedOut();
      setError(res.message);
      return;
    }
    started(res.data, "undo");
  }

  function jobFinished(job: JobView) {
    announceJobFinished(job);
    setOutcome((o) => (o && o.jobId === job.id ? { ...o, done: true, failed: job.status !== "completed", message: messageOf(job.result) } : o));
    // Even a failed run may have changed some rows (it can be undone).
    onChanged();
  }

  if (!selection && !outcome) return null;
  const working = outcome !== null && !outcome.done;

  return (
    <section
      aria-label="Bulk actions"
      data-testid="bulk-bar"
      className="sticky bottom-0 z-20 -mx-1 rounded-t-2xl border border-slate-200 bg-white/95 px-3 py-3 shadow-lg backdrop-blur sm:mx-0 sm:px-4"
    >
      {selection ? (
        <div className="flex flex-wrap items-center gap-2">
          <p className="mr-1 text-sm font-semibold text-slate-900 tabular-nums" data-testid="bulk-count" aria-live="polite">
            {label}
          </p>
          <PickAndApply
            id="bulk-category"
            label="Category to set"
            placeholder="Category…"
            options={[{ id: "none", name: "No category" }, ...categories]}
            value={categoryId}
            onChange={setCategoryId}
            button="Set"
            primary
            busy={busy === "set-category"}
            disabled={busy !== null || working}
            onApply={() => void run("set-category")}
          />
          {accounts.length > 1 ? (
            <PickAndApply
              id="bulk-account"
              label="Account to move to"
              placeholder="Account…"
              options={accounts}
              value={accountId}
              onChange={setAccountId}
              button="Move"
              busy={busy === "set-account"}
              disabled={busy !== null || working}
              onApply={() => void run("set-account")}
            />
          ) : null}
          <button
            type="button"
            disabled={busy !== null || working}
            onClick={() => void run("mark-reviewed")}
            className="inline-flex items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {busy === "mark-reviewed" ? <Spinner className="h-3 w-3" /> : null}
            Mark reviewed
          </button>
          <button
            type="button"
            disabled={busy !== null || working}
            onClick={() => setConfirmDelete(true)}
            className="rounded-lg border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Delete
          </button>
          <button type="button" onClick={onClear} className="ml-auto rounded-lg px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Clear
          </button>
        </div>
      ) : null}

      {confirmDelete && selection ? (
        <div role="alertdialog" aria-labelledby="bulk-delete-question" className="mt-2 flex flex-wrap items-center gap-2 rounded-lg bg-red-50 px-3 py-2">
          <p id="bulk-delete-question" className="text-sm text-red-900">
            Delete {what}? You can undo this for a week.
          </p>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => void run("delete")}
            className="inline-flex items-center gap-1 rounded-lg bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-700 disabled:opacity-70"
          >
            {busy === "delete" ? <Spinner className="h-3 w-3" /> : null}
            {busy === "delete" ? "Deleting…" : "Delete"}
          </button>
          <button ref={cancelRef} type="button" disabled={busy !== null} onClick={() => setConfirmDelete(false)} className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-white">
            Cancel
          </button>
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="mt-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      {outcome ? (
        <div className={`${selection ? "mt-2 border-t border-slate-100 pt-2" : ""} flex flex-wrap items-center gap-x-3 gap-y-2`} data-testid="bulk-outcome" data-phase={outcome.phase} data-done={outcome.done}>
          {outcome.jobId ? (
            <JobProgress
              key={outcome.jobId}
              jobId={outcome.jobId}
              className="min-w-0 flex-1 basis-60"
              onDone={jobFinished}
              renderResult={(result) => messageOf(result)}
            />
          ) : (
            <p role="status" className="min-w-0 flex-1 basis-60 text-sm text-green-800">
              {outcome.message}
            </p>
          )}
          {outcome.done && outcome.phase === "apply" ? (
            <button
              ref={undoRef}
              type="button"
              disabled={busy !== null}
              onClick={() => void undo()}
              data-testid="bulk-undo"
              className="inline-flex items-center gap-1 rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
            >
              {busy === "undo" ? <Spinner className="h-3 w-3" /> : null}
              Undo
            </button>
          ) : null}
          {outcome.done ? (
            <button type="button" onClick={() => setOutcome(null)} className="rounded-lg px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** A select and the button that applies its choice (set category, move to an account). */
function PickAndApply({
  id,
  label,
  placeholder,
  options,
  value,
  onChange,
  button,
  primary = false,
  busy,
  disabled,
  onApply,
}: {
  id: string;
  label: string;
  placeholder: string;
  options: { id: string; name: string }[];
  value: string;
  onChange: (value: string) => void;
  button: string;
  primary?: boolean;
  busy: boolean;
  disabled: boolean;
  onApply: () => void;
}) {
  return (
    <div className="flex items-center gap-1">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="max-w-[9rem] rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!value || disabled}
        onClick={onApply}
        className={`inline-flex items-center gap-1 rounded-lg px-3 py-1.5 text-sm disabled:cursor-not-allowed disabled:opacity-50 ${
          primary ? "bg-indigo-600 font-semibold text-white hover:bg-indigo-700" : "border border-slate-300 bg-white font-medium text-slate-800 hover:bg-slate-50"
        }`}
      >
        {busy ? <Spinner className="h-3 w-3" /> : null}
        {button}
      </button>
    </div>
  );
}
