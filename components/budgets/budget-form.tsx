"use client";

import { useState, type FormEvent } from "react";
import { Field, FormActions, FormShell } from "@/components/form/form-parts";
import { useFormSubmit, type FieldErrorsOf, type SubmitOutcome } from "@/components/form/use-form-submit";
import { normalizeAmount } from "@/components/transactions/transaction-form";
import { PERIODS, splitTerms, type Budget, type BudgetInput, type BudgetPeriod } from "./budget-api";

// Create and edit form for a budget: title, amount, period (with its days or dates), what it
// matches (a category and/or keywords and payees) and the alert threshold. Field errors, the
// form's own or the API's 422 `fields`, sit under their fields.

export type BudgetSubmitOutcome = SubmitOutcome;

type FieldName = "title" | "amount" | "period" | "rollingDays" | "startDate" | "endDate" | "categoryId" | "keywords" | "payees" | "alertThresholdPercent";
const FIELD_NAMES: FieldName[] = ["title", "amount", "period", "rollingDays", "startDate", "endDate", "categoryId", "keywords", "payees", "alertThresholdPercent"];

interface Props {
  mode: "create" | "edit";
  initial?: Budget;
  categories: { id: string; name: string }[];
  onSubmit: (input: BudgetInput) => Promise<BudgetSubmitOutcome>;
  onCancel?: () => void;
}

export function BudgetForm({ mode, initial, categories, onSubmit, onCancel }: Props) {
  // The API names the criteria and the category differently from the form's inputs.
  const form = useFormSubmit(FIELD_NAMES, (key) => (key === "criteria" ? "keywords" : key === "category" ? "categoryId" : key));
  const { id, describedBy, inputClass, field, fieldProps } = form;
  const [title, setTitle] = useState(initial?.title ?? "");
  const [amount, setAmount] = useState(initial?.amount ?? "");
  const [period, setPeriod] = useState<BudgetPeriod>(initial?.period ?? "monthly");
  const [rollingDays, setRollingDays] = useState(String(initial?.rollingDays ?? 30));
  const [startDate, setStartDate] = useState(initial?.startDate ?? "");
  const [endDate, setEndDate] = useState(initial?.endDate ?? "");
  const [categoryId, setCategoryId] = useState(initial?.categoryId ?? "");
  const [keywords, setKeywords] = useState(initial?.keywords.join(", ") ?? "");
  const [payees, setPayees] = useState(initial?.payees.join(", ") ?? "");
  const [threshold, setThreshold] = useState(String(initial?.alertThresholdPercent ?? 80));
  const isEdit = mode === "edit";

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.pending) return;
    const found: FieldErrorsOf<FieldName> = {};
    const parsed = normalizeAmount(amount);
    if (!title.trim()) found.title = ["Give the budget a title."];
    if (!parsed || parsed.sign === "-" || !/[1-9]/.test(parsed.digits)) found.amount = ["Enter an amount above zero, like 150 or 42.50."];
    const days = Number(rollingDays);
    if (period === "rolling" && (!Number.isInteger(days) || days < 1 || days > 366)) found.rollingDays = ["Use 1 to 366 days."];
    if (period === "custom") {
      if (!startDate) found.startDate = ["Pick the first day."];
      if (!endDate) found.endDate = ["Pick the last day."];
      if (startDate && endDate && startDate > endDate) found.endDate = ["The last day can’t be before the first."];
    }
    const keywordList = splitTerms(keywords);
    const payeeList = splitTerms(payees);
    if (!categoryId && keywordList.length === 0 && payeeList.length === 0) found.keywords = ["Choose a category or add at least one keyword or payee."];
    const pct = Number(threshold);
    if (!Number.isInteger(pct) || pct < 1 || pct > 100) found.alertThresholdPercent = ["Use a whole percent from 1 to 100."];

    const done = await form.submit(found, () =>
      onSubmit({
        title: title.trim(),
        amount: parsed!.digits,
        period,
        rollingDays: period === "rolling" ? days : null,
        startDate: period === "custom" ? startDate : null,
        endDate: period === "custom" ? endDate : null,
        categoryId: categoryId || null,
        keywords: keywordList,
        payees: payeeList,
        alertThresholdPercent: pct,
      }),
    );
    if (done && !isEdit) {
      setTitle("");
      setAmount("");
      setKeywords("");
      setPayees("");
      setCategoryId("");
    }
  }

  /** A comma-separated list of keywords or payees, explained by the hint below the fields. */
  const termsInput = (name: "keywords" | "payees", placeholder: string, value: string, onChange: (value: string) => void) => (
    <input
      {...field(name)}
      aria-describedby={describedBy(name, id("terms-hint"))}
      type="text"
      autoComplete="off"
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );

  return (
    <FormShell
      {...form.shell}
      onSubmit={handleSubmit}
      label={isEdit ? "Edit budget" : "Create a budget"}
      testId={isEdit ? "edit-budget-form" : "add-budget-form"}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-12">
        <Field {...fieldProps("title", "Title", "lg:col-span-4")}>
          <input {...field("title")} type="text" maxLength={100} autoComplete="off" placeholder="e.g. Coffee" value={title} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field {...fieldProps("amount", "Amount", "lg:col-span-2")}>
          <input
            {...field("amount")}
            className={`${inputClass("amount")} text-right tabular-nums`}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            placeholder="150.00"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </Field>
        <Field {...fieldProps("period", "Period", "lg:col-span-3")}>
          <select {...field("period")} value={period} onChange={(e) => setPeriod(e.target.value as BudgetPeriod)}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </Field>
        {period === "rolling" ? (
          <Field {...fieldProps("rollingDays", "Days", "lg:col-span-3")}>
            <input {...field("rollingDays")} type="number" min={1} max={366} step={1} value={rollingDays} onChange={(e) => setRollingDays(e.target.value)} />
          </Field>
        ) : null}
        {period === "custom" ? (
          <>
            <Field {...fieldProps("startDate", "From", "lg:col-span-3")}>
              <input {...field("startDate")} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            </Field>
            <Field {...fieldProps("endDate", "To", "lg:col-span-3")}>
              <input {...field("endDate")} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />
            </Field>
          </>
        ) : null}
        <Field {...fieldProps("categoryId", "Category", "lg:col-span-3", true)}>
          <select {...field("categoryId")} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">Any category</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps("keywords", "Keywords", "lg:col-span-4", true)}>{termsInput("keywords", "coffee, bottle", keywords, setKeywords)}</Field>
        <Field {...fieldProps("payees", "Payees", "lg:col-span-3", true)}>{termsInput("payees", "Starbucks, Blue Bottle", payees, setPayees)}</Field>
        <Field {...fieldProps("alertThresholdPercent", "Alert at %", "lg:col-span-2")}>
          <input {...field("alertThresholdPercent")} type="number" min={1} max={100} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </Field>
      </div>
      <p id={id("terms-hint")} className="text-xs text-slate-500">
        Separate terms with commas. A keyword matches anywhere in the description or payee (“coffee” catches Peet’s Coffee); a payee matches its exact name. With a category too, both must match.
      </p>
      <FormActions pending={form.pending} onCancel={onCancel} label={isEdit ? "Save" : "Create budget"} pendingLabel={isEdit ? "Saving…" : "Creating…"} />
    </FormShell>
  );
}
