"use client";

import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Field, FormActions, FormShell, inputAttributes, splitSubmitErrors } from "@/components/form/form-parts";
import { absAmount, isNegative } from "@/components/dashboard/dashboard-format";
import type { AccountChoice, FieldErrors, Transaction } from "./transaction-api";
import { useToday } from "./use-today";

// Add and edit form. People type a positive amount and pick Expense or Income; the form
// sends a signed decimal string ("-12.34" for an expense). Field errors, from the form's
// own checks or the API's 422 `fields`, are shown next to their fields.

export interface TransactionFormValues {
  date: string;
  description: string;
  /** Signed decimal string. */
  amount: string;
  /** Trimmed; null when left empty. */
  category: string | null;
  /** The chosen account; null leaves it to the server (the default "Cash" account). */
  accountId: string | null;
  /** The user's note; null when empty. */
  notes: string | null;
}

export type SubmitOutcome = { ok: true } | { ok: false; fields?: FieldErrors; message?: string };

type Kind = "expense" | "income";
type FieldName = "date" | "description" | "amount" | "category" | "accountId" | "notes";
const FIELD_NAMES: FieldName[] = ["date", "description", "amount", "category", "accountId", "notes"];

/** "1,234.5" → "1234.5"; a leading sign is returned apart. null when it is not an amount. */
export function normalizeAmount(text: string): { digits: string; sign: "" | "-" | "+" } | null {
  let t = text.trim().replace(/\s+/g, "");
  let sign: "" | "-" | "+" = "";
  if (t.startsWith("-") || t.startsWith("+") || t.startsWith("\u2212")) {
    sign = t.startsWith("+") ? "+" : "-";
    t = t.slice(1);
  }
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(t)) t = t.replace(/,/g, "");
  if (t.endsWith(".")) t = t.slice(0, -1);
  if (t.startsWith(".")) t = `0${t}`;
  // Up to three decimals (BHD, KWD); the server checks them against the account's currency.
  if (!/^\d{1,13}(\.\d{1,3})?$/.test(t)) return null;
  return { digits: t, sign };
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  mode: "create" | "edit";
  initial?: Transaction;
  categories: string[];
  /** The user's open accounts; the select is hidden when there are none yet. */
  accounts?: AccountChoice[];
  /** The account a new transaction starts in (the one whose list is shown); else the default "Cash". */
  defaultAccountId?: string;
  onSubmit: (values: TransactionFormValues) => Promise<SubmitOutcome>;
  onCancel?: () => void;
}

export function TransactionForm({ mode, initial, categories, accounts = [], defaultAccountId, onSubmit, onCancel }: Props) {
  const uid = useId();
  const today = useToday();
  const [date, setDate] = useState<string | null>(initial?.date ?? null); // null: today
  const [description, setDescription] = useState(initial?.description ?? "");
  const [kind, setKind] = useState<Kind>(initial && !isNegative(initial.amount) ? "income" : "expense");
  const [amount, setAmount] = useState(initial ? absAmount(initial.amount) : "");
  const [category, setCategory] = useState(initial?.category ?? "");
  // "" is the default account (Cash) when adding; an edit starts on the row's own account.
  const [accountId, setAccountId] = useState(initial?.accountId ?? defaultAccountId ?? "");
  const [notes, setNotes] = useState(initial?.notes ?? "");
  const [errors, setErrors] = useState<Partial<Record<FieldName, string[]>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const refs = useRef<Partial<Record<FieldName, HTMLInputElement | null>>>({});

  const dateValue = date ?? today;
  const id = (name: string) => `${uid}-${name}`;

  function applySign(): Kind {
    const parsed = normalizeAmount(amount);
    if (!parsed || parsed.sign === "") return kind;
    const next: Kind = parsed.sign === "-" ? "expense" : "income";
    setKind(next);
    setAmount(parsed.digits);
    return next;
  }

  function focusFirstError(found: Partial<Record<FieldName, string[]>>) {
    const first = FIELD_NAMES.find((f) => found[f]?.length);
    if (first) refs.current[first]?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const effectiveKind = applySign();
    const found: Partial<Record<FieldName, string[]>> = {};
    if (!DATE_PATTERN.test(dateValue)) found.date = ["Pick a date."];
    if (!description.trim()) found.description = ["Describe the transaction."];
    const parsed = normalizeAmount(amount);
    if (!amount.trim()) found.amount = ["Enter an amount."];
    else if (!parsed) found.amount = ["Enter an amount like 12.34."];
    if (category.trim().length > 64) found.category = ["Use at most 64 characters."];
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0 || !parsed) {
      focusFirstError(found);
      return;
    }

    setPending(true);
    const outcome = await onSubmit({
      date: dateValue,
      description: description.trim(),
      amount: `${effectiveKind === "expense" ? "-" : ""}${parsed.digits}`,
      category: category.trim() || null,
      accountId: accountId || null,
      notes: notes.trim() || null,
    });
    setPending(false);
    if (outcome.ok) {
      if (mode === "create") {
        // Keep the date and type for the next entry; clear the rest.
        setDescription("");
        setAmount("");
        setCategory("");
        setNotes("");
        setErrors({});
        refs.current.description?.focus();
      }
      return;
    }
    const refused = splitSubmitErrors(outcome, FIELD_NAMES);
    setErrors(refused.fields);
    setFormError(refused.formError);
    focusFirstError(refused.fields);
  }

  const { describedBy, inputClass } = inputAttributes<FieldName>(errors, id);

  const isEdit = mode === "edit";

  return (
    <FormShell
      onSubmit={handleSubmit}
      pending={pending}
      label={isEdit ? `Edit transaction ${initial?.description ?? ""}`.trim() : "Add a transaction"}
      testId={isEdit ? "edit-transaction-form" : "add-transaction-form"}
      formError={formError}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-12">
        <Field label="Date" htmlFor={id("date")} error={errors.date} errorId={`${id("date")}-error`} className="lg:col-span-2">
          <input
            ref={(el) => {
              refs.current.date = el;
            }}
            id={id("date")}
            name="date"
            type="date"
            required
            value={dateValue}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={errors.date?.length ? true : undefined}
            aria-describedby={describedBy("date")}
            className={`${inputClass("date")} tabular-nums`}
          />
        </Field>
        <Field
          label="Description"
          htmlFor={id("description")}
          error={errors.description}
          errorId={`${id("description")}-error`}
          className="sm:col-span-2 lg:col-span-4"
        >
          <input
            ref={(el) => {
              refs.current.description = el;
            }}
            id={id("description")}
            name="description"
            type="text"
            required
            maxLength={500}
            autoComplete="off"
            placeholder="e.g. Groceries"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-invalid={errors.description?.length ? true : undefined}
            aria-describedby={describedBy("description")}
            className={inputClass("description")}
          />
        </Field>
        <fieldset className="lg:col-span-2">
          <legend className="block text-sm font-medium text-slate-700">Type</legend>
          <div className="mt-1 grid grid-cols-2 rounded-lg border border-slate-300 bg-slate-50 p-0.5">
            <KindOption name={id("kind")} value="expense" checked={kind === "expense"} onChange={setKind}>
              Expense
            </KindOption>
            <KindOption name={id("kind")} value="income" checked={kind === "income"} onChange={setKind}>
              Income
            </KindOption>
          </div>
        </fieldset>
        <Field
          label="Amount"
          htmlFor={id("amount")}
          error={errors.amount}
          errorId={`${id("amount")}-error`}
          className="lg:col-span-2"
        >
          <div className="relative">
            <span
              aria-hidden="true"
              className={`pointer-events-none absolute inset-y-0 left-3 mt-1 flex items-center text-sm font-semibold ${
                kind === "expense" ? "text-red-700" : "text-green-700"
              }`}
            >
              {kind === "expense" ? "−" : "+"}
            </span>
            <input
              ref={(el) => {
                refs.current.amount = el;
              }}
              id={id("amount")}
              name="amount"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              required
              placeholder="0.00"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              onBlur={() => applySign()}
              aria-invalid={errors.amount?.length ? true : undefined}
              aria-describedby={[describedBy("amount"), `${id("amount")}-hint`].filter(Boolean).join(" ")}
              className={`${inputClass("amount")} pl-7 text-right tabular-nums`}
            />
          </div>
          <span id={`${id("amount")}-hint`} className="sr-only">
            {kind === "expense" ? "Recorded as money out." : "Recorded as money in."}
          </span>
        </Field>
        <Field
          label="Category"
          optional
          htmlFor={id("category")}
          error={errors.category}
          errorId={`${id("category")}-error`}
          className="lg:col-span-2"
        >
          <input
            ref={(el) => {
              refs.current.category = el;
            }}
            id={id("category")}
            name="category"
            type="text"
            list={id("categories")}
            maxLength={64}
            autoComplete="off"
            placeholder={isEdit ? "None" : "e.g. Food"}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            aria-invalid={errors.category?.length ? true : undefined}
            aria-describedby={describedBy("category")}
            className={inputClass("category")}
          />
          <datalist id={id("categories")}>
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </Field>
        {accounts.length > 0 ? (
          <Field label="Account" htmlFor={id("accountId")} error={errors.accountId} errorId={`${id("accountId")}-error`} className="sm:col-span-2 lg:col-span-4">
            <select
              id={id("accountId")}
              name="accountId"
              value={accountId}
              onChange={(e) => setAccountId(e.target.value)}
              aria-invalid={errors.accountId?.length ? true : undefined}
              aria-describedby={describedBy("accountId")}
              className={inputClass("accountId")}
            >
              {isEdit ? null : <option value="">Cash (default)</option>}
              {accounts
                .filter((a) => !(a.name === "Cash" && !isEdit))
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
            </select>
          </Field>
        ) : null}
        <Field label="Note" optional htmlFor={id("notes")} error={errors.notes} errorId={`${id("notes")}-error`} className="sm:col-span-2 lg:col-span-8">
          <input
            id={id("notes")}
            name="notes"
            type="text"
            maxLength={1000}
            autoComplete="off"
            placeholder="Searchable, e.g. reimbursable"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            aria-invalid={errors.notes?.length ? true : undefined}
            aria-describedby={describedBy("notes")}
            className={inputClass("notes")}
            data-testid="transaction-notes"
          />
        </Field>
      </div>
      <FormActions pending={pending} onCancel={onCancel} label={isEdit ? "Save" : "Add transaction"} pendingLabel={isEdit ? "Saving…" : "Adding…"} />
    </FormShell>
  );
}


function KindOption({
  name,
  value,
  checked,
  onChange,
  children,
}: {
  name: string;
  value: Kind;
  checked: boolean;
  onChange: (k: Kind) => void;
  children: ReactNode;
}) {
  const active = value === "expense" ? "bg-white text-red-700 shadow-sm" : "bg-white text-green-700 shadow-sm";
  return (
    <label
      className={`flex cursor-pointer items-center justify-center rounded-md px-2 py-1.5 text-sm font-medium transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-1 has-[:focus-visible]:outline-indigo-600 ${
        checked ? active : "text-slate-600 hover:text-slate-900"
      }`}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={() => onChange(value)}
        className="sr-only"
      />
      {children}
    </label>
  );
}
