"use client";

import { useCurrency } from "@/components/dashboard/currency";
import { type RefObject, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-actions";
import { DeleteConfirmActions } from "@/components/delete-confirm-actions";
import { EditDeleteButtons, useRowMode } from "@/components/use-row-mode";
import { formatMoney } from "@/components/dashboard/dashboard-format";
import { fieldLabel, operatorLabel, type Rule, type RuleInput } from "./rule-api";
import { RuleForm, type RuleSubmitOutcome } from "./rule-form";

// One rule in the ordered list: its sentence ("If Description contains “uber” → Transport"),
// move up / down, edit in place, and delete after a confirmation.

export type MoveDirection = "up" | "down";

interface Props {
  rule: Rule;
  index: number;
  count: number;
  categories: string[];
  /** Set by the list after a move, to put focus back on this rule's button. */
  focusRequest: MoveDirection | null;
  onFocusHandled: () => void;
  onMove: (rule: Rule, direction: MoveDirection) => void;
  onSave: (rule: Rule, input: RuleInput, options: { apply: boolean }) => Promise<RuleSubmitOutcome>;
  /** Re-categorize the existing transactions this rule takes (a job). */
  onApply: (rule: Rule) => Promise<void>;
  onDelete: (rule: Rule) => Promise<{ ok: true } | { ok: false; message: string }>;
}

function Value({ rule, text }: { rule: Rule; text: string }) {
  const currency = useCurrency();
  if (rule.field === "amount") return <span className="font-medium tabular-nums text-slate-900">{formatMoney(text, currency)}</span>;
  return (
    <span className={`break-all font-medium text-slate-900 ${rule.operator === "regex" ? "font-mono text-[0.8125rem]" : ""}`}>
      {rule.operator === "regex" ? `/${text}/` : `“${text}”`}
    </span>
  );
}

export function RuleSentence({ rule }: { rule: Rule }) {
  return (
    <>
      If <span className="font-medium text-slate-900">{fieldLabel(rule.field).toLowerCase()}</span> {operatorLabel(rule.operator)}{" "}
      <Value rule={rule} text={rule.value} />
      {rule.operator === "between" && rule.valueTo !== null ? (
        <>
          {" "}
          and <Value rule={rule} text={rule.valueTo} />
        </>
      ) : null}
    </>
  );
}

export function RuleItem({ rule, index, count, categories, focusRequest, onFocusHandled, onMove, onSave, onApply, onDelete }: Props) {
  const editRef = useRef<HTMLLIElement>(null);
  const { mode, setMode, editButton, deleteButton, cancelDelete } = useRowMode(() =>
    editRef.current?.querySelector<HTMLSelectElement>("select[name=field]")?.focus(),
  );
  const [applying, setApplying] = useState(false);
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);
  const first = index === 0;
  const last = index === count - 1;
  const position = index + 1;

  // After a move the list re-orders its items, which drops focus: put it back.
  useEffect(() => {
    if (!focusRequest || mode !== "view") return;
    const wanted = focusRequest === "up" ? (first ? downButton : upButton) : last ? upButton : downButton;
    wanted.current?.focus();
    onFocusHandled();
  }, [focusRequest, first, last, mode, onFocusHandled]);

  if (mode === "edit") {
    return (
      <li ref={editRef} className="bg-indigo-50/40 px-4 py-4" data-testid="rule-row" data-id={rule.id}>
        <p className="mb-2 text-sm font-medium text-slate-900">Edit rule {position}</p>
        <RuleForm
          mode="edit"
          initial={rule}
          categories={categories}
          onCancel={() => setMode("view")}
          onSubmit={async (input, options) => {
            const outcome = await onSave(rule, input, options);
            if (outcome.ok) setMode("view");
            return outcome;
          }}
        />
      </li>
    );
  }

  if (mode === "confirm") {
    return (
      <li className="bg-red-50/60 px-4 py-3" data-testid="rule-row" data-id={rule.id}>
        <ConfirmDialog
          id={`confirm-rule-${rule.id}`}
          question={
            <>
              Delete rule {position} (<RuleSentence rule={rule} /> → {rule.category})?
            </>
          }
        >
          <DeleteConfirmActions cancelRef={cancelDelete} onDelete={() => onDelete(rule)} onCancel={() => setMode("view")} />
        </ConfirmDialog>
      </li>
    );
  }

  const iconButton =
    "flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent";
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 hover:bg-slate-50" data-testid="rule-row" data-id={rule.id}>
      <span
        aria-hidden="true"
        className="flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold tabular-nums text-slate-600"
      >
        {position}
      </span>
      <p className="min-w-0 flex-1 basis-48 text-sm text-slate-700">
        <span className="sr-only">Rule {position}: </span>
        <RuleSentence rule={rule} />
        <span aria-hidden="true" className="mx-1.5 text-slate-500">
          →
        </span>
        <span className="sr-only">, set category to </span>
        <span className="inline-block max-w-full truncate rounded-full bg-indigo-50 px-2 py-0.5 align-bottom text-xs font-medium text-indigo-700">
          {rule.category}
        </span>
      </p>
      <div className="ml-auto flex items-center gap-1">
        <MoveButton buttonRef={upButton} direction="up" disabled={first} label={`Move rule ${position} up`} className={iconButton} onMove={() => onMove(rule, "up")} />
        <MoveButton buttonRef={downButton} direction="down" disabled={last} label={`Move rule ${position} down`} className={iconButton} onMove={() => onMove(rule, "down")} />
        <button
          type="button"
          disabled={applying}
          onClick={async () => {
            setApplying(true);
            await onApply(rule);
            setApplying(false);
          }}
          aria-label={`Apply rule ${position} to existing transactions`}
          className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60"
        >
          Apply
        </button>
        <EditDeleteButtons name={`rule ${position}`} editRef={editButton} deleteRef={deleteButton} setMode={setMode} />
      </div>
    </li>
  );
}

const ARROW: Record<MoveDirection, string> = {
  up: "M10 4a1 1 0 0 1 .7.3l4.5 4.5a1 1 0 0 1-1.4 1.4L11 7.4V15a1 1 0 1 1-2 0V7.4l-2.8 2.8a1 1 0 0 1-1.4-1.4l4.5-4.5A1 1 0 0 1 10 4Z",
  down: "M10 16a1 1 0 0 1-.7-.3l-4.5-4.5a1 1 0 1 1 1.4-1.4L9 12.6V5a1 1 0 1 1 2 0v7.6l2.8-2.8a1 1 0 0 1 1.4 1.4l-4.5 4.5a1 1 0 0 1-.7.3Z",
};

/** Move a rule one place up or down (an arrow button). */
function MoveButton({
  buttonRef,
  direction,
  disabled,
  label,
  className,
  onMove,
}: {
  buttonRef: RefObject<HTMLButtonElement | null>;
  direction: MoveDirection;
  disabled: boolean;
  label: string;
  className: string;
  onMove: () => void;
}) {
  return (
    <button ref={buttonRef} type="button" disabled={disabled} onClick={onMove} aria-label={label} className={className}>
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor" aria-hidden="true" focusable="false">
        <path fillRule="evenodd" d={ARROW[direction]} clipRule="evenodd" />
      </svg>
    </button>
  );
}
