"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { CategoryInput, Field, FormActions, FormShell } from "@/components/form/form-parts";
import { useFormSubmit, type FieldErrorsOf, type SubmitOutcome } from "@/components/form/use-form-submit";
import { absAmount, isNegative } from "@/components/dashboard/dashboard-format";
import type { AccountChoice, Transaction } from "./transaction-api";
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

export type { SubmitOutcome } from "@/components/form/use-form-submit";

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
  const form = useFormSubmit(FIELD_NAMES);
  const { id, field, inputClass, describedBy, fieldProps } = form;
  const today = useToday();
  const [date, setDate] = useState<string | null>(initial?.date ?? null); // null: today
  const [description, setDescription] = useState(initial?.description ?? "");
  const [kind, setKind] = useState<Kind>(initial && !isNegative(initial.amount) ? "income" : "expense");
  const [amount, setAmount] = useState(initial ? absAmount(initial.amount) : "");
  const [category, setCategory] = useState(initial?.category ?? "");
  // "" is the default account (Cash) when adding; an edit starts on the row's own account.
  const [accountId, setAccountId] = useState(initial?.accountId ?? defaultAccountId ?? "");
  const [notes, setNotes] = useState(initial?.notes ?? "");

  const dateValue = date ?? today;

  function applySign(): Kind {
    const parsed = normalizeAmount(amount);
    if (!parsed || parsed.sign === "") return kind;
    const next: Kind = parsed.sign === "-" ? "expense" : "income";
    setKind(next);
    setAmount(parsed.digits);
    return next;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.pending) return;
    const effectiveKind = applySign();
    const found: FieldErrorsOf<FieldName> = {};
    if (!DATE_PATTERN.test(dateValue)) found.date = ["Pick a date."];
    if (!description.trim()) found.description = ["Describe the transaction."];
    const parsed = normalizeAmount(amount);
    if (!amount.trim()) found.amount = ["Enter an amount."];
    else if (!parsed) found.amount = ["Enter an amount like 12.34."];
    if (category.trim().length > 64) found.category = ["Use at most 64 characters."];
    const done = await form.submit(found, () =>
      onSubmit({
        date: dateValue,
        description: description.trim(),
        // The checks above found the amount, so it parsed.
        amount: `${effectiveKind === "expense" ? "-" : ""}${parsed!.digits}`,
        category: category.trim() || null,
        accountId: accountId || null,
        notes: notes.trim() || null,
      }),
    );
    if (done && mode === "create") {
      // Keep the date and type for the next entry; clear the rest.
      setDescription("");
      setAmount("");
      setCategory("");
      setNotes("");
      form.focusField("description");
    }
  }

  const isEdit = mode === "edit";

  return (
    <FormShell
      {...form.shell}
      onSubmit={handleSubmit}
      label={isEdit ? `Edit transaction ${initial?.description ?? ""}`.trim() : "Add a transaction"}
      testId={isEdit ? "edit-transaction-form" : "add-transaction-form"}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-12">
        <Field {...fieldProps("date", "Date", "lg:col-span-2")}>
          <input {...field("date")} type="date" required value={dateValue} onChange={(e) => setDate(e.target.value)} className={`${inputClass("date")} tabular-nums`} />
        </Field>
        <Field {...fieldProps("description", "Description", "sm:col-span-2 lg:col-span-4")}>
          <input
            {...field("description")}
            type="text"
            required
            maxLength={500}
            autoComplete="off"
            placeholder="e.g. Groceries"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
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
        <Field {...fieldProps("amount", "Amount", "lg:col-span-2")}>
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
              {...field("amount")}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              required
              placeholder="0.00"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              onBlur={() => applySign()}
              aria-describedby={describedBy("amount", `${id("amount")}-hint`)}
              className={`${inputClass("amount")} pl-7 text-right tabular-nums`}
            />
          </div>
          <span id={`${id("amount")}-hint`} className="sr-only">
            {kind === "expense" ? "Recorded as money out." : "Recorded as money in."}
          </span>
        </Field>
        <Field {...fieldProps("category", "Category", "lg:col-span-2", true)}>
          <CategoryInput
            {...field("category")}
            categories={categories}
            listId={id("categories")}
            placeholder={isEdit ? "None" : "e.g. Food"}
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
        </Field>
        {accounts.length > 0 ? (
          <Field {...fieldProps("accountId", "Account", "sm:col-span-2 lg:col-span-4")}>
            <select {...field("accountId")} value={accountId} onChange={(e) => setAccountId(e.target.value)}>
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
        <Field {...fieldProps("notes", "Note", "sm:col-span-2 lg:col-span-8", true)}>
          <input
            {...field("notes")}
            type="text"
            maxLength={1000}
            autoComplete="off"
            placeholder="Searchable, e.g. reimbursable"
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            data-testid="transaction-notes"
          />
        </Field>
      </div>
      <FormActions pending={form.pending} onCancel={onCancel} label={isEdit ? "Save" : "Add transaction"} pendingLabel={isEdit ? "Saving…" : "Adding…"} />
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
