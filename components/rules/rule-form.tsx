"use client";

import { useState, type FormEvent } from "react";
import { CategoryInput, Field, FormActions, FormShell } from "@/components/form/form-parts";
import { useFormSubmit, type FieldErrorsOf, type SubmitOutcome } from "@/components/form/use-form-submit";
import { toMinor } from "@/components/dashboard/dashboard-format";
import { normalizeAmount } from "@/components/transactions/transaction-form";
import { operatorLabel, operatorsFor, RULE_FIELD_OPTIONS, type Rule, type RuleField, type RuleInput, type RuleOperator } from "./rule-api";
import { RulePreviewPanel } from "./rule-preview";

// Add and edit form for a rule. The operator list follows the field (text operators for
// description and payee; more / less / between / exactly for amount); "between" asks for a
// second value. Field errors, the form's own or the API's 422 `fields`, sit under their fields.

export type RuleSubmitOutcome = SubmitOutcome;

type FieldName = "field" | "operator" | "value" | "valueTo" | "category";
const FIELD_NAMES: FieldName[] = ["field", "operator", "value", "valueTo", "category"];

interface Props {
  mode: "create" | "edit";
  /** The rule being edited, or a new rule's prefill ("create a rule from this transaction"). */
  initial?: Partial<Rule>;
  categories: string[];
  /** `apply`: also re-categorize the existing transactions the rule takes. */
  onSubmit: (input: RuleInput, options: { apply: boolean }) => Promise<RuleSubmitOutcome>;
  onCancel?: () => void;
}

/** "1,234.5" / "-12" → a signed decimal string ("1234.5", "-12"), or null. */
function toAmount(text: string): string | null {
  const parsed = normalizeAmount(text);
  return parsed ? `${parsed.sign === "-" ? "-" : ""}${parsed.digits}` : null;
}

/** The rule as typed, when it is complete enough to preview; null otherwise. */
function previewDraft(field: RuleField, operator: RuleOperator, value: string, valueTo: string, category: string): RuleInput | null {
  const text = value.trim();
  const cat = category.trim();
  if (!text || !cat || cat.length > 64 || text.length > 200) return null;
  if (field === "amount") {
    const low = toAmount(text);
    if (low === null) return null;
    if (operator !== "between") return { field, operator, value: low, category: cat };
    const high = toAmount(valueTo.trim());
    return high === null ? null : { field, operator, value: low, valueTo: high, category: cat };
  }
  if (operator === "regex") {
    try {
      new RegExp(text);
    } catch {
      return null;
    }
  }
  return { field, operator, value: text, category: cat };
}

export function RuleForm({ mode, initial, categories, onSubmit, onCancel }: Props) {
  const form = useFormSubmit(FIELD_NAMES);
  const { id, setErrors, describedBy, inputClass, fieldProps } = form;
  const [field, setField] = useState<RuleField>(initial?.field ?? "description");
  const [operator, setOperator] = useState<RuleOperator>(initial?.operator ?? "contains");
  const [value, setValue] = useState(initial?.value ?? "");
  const [valueTo, setValueTo] = useState(initial?.valueTo ?? "");
  const [category, setCategory] = useState(initial?.category ?? "");
  const [apply, setApply] = useState(true);
  const isAmount = field === "amount";
  const isBetween = operator === "between";
  const isEdit = mode === "edit";

  function changeField(next: RuleField) {
    setField(next);
    // Keep the operator when the new field takes it, else its first one.
    if (!operatorsFor(next).includes(operator)) setOperator(operatorsFor(next)[0]);
    setErrors((e) => ({ ...e, field: undefined, operator: undefined, value: undefined, valueTo: undefined }));
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.pending) return;
    const found: FieldErrorsOf<FieldName> = {};
    let sendValue = value.trim();
    let sendValueTo: string | null = isBetween ? valueTo.trim() : null;

    if (!sendValue) found.value = [isAmount ? "Enter an amount." : "Enter the text to match."];
    else if (isAmount) {
      const amount = toAmount(sendValue);
      if (amount === null) found.value = ["Enter an amount like -12.34 (up to two decimals)."];
      else sendValue = amount;
    } else if (operator === "regex") {
      try {
        new RegExp(sendValue);
      } catch (err) {
        found.value = [`That isn’t a valid pattern${err instanceof Error ? `: ${err.message}` : "."}`];
      }
    }
    if (sendValue.length > 500) found.value = ["Use at most 500 characters."];

    if (isBetween) {
      const to = sendValueTo ? toAmount(sendValueTo) : null;
      if (!sendValueTo) found.valueTo = ["Enter the upper amount."];
      else if (to === null) found.valueTo = ["Enter an amount like -12.34 (up to two decimals)."];
      else {
        sendValueTo = to;
        if (!found.value && toMinor(sendValue) > toMinor(to)) found.valueTo = ["Use an amount at least as large as the first."];
      }
    }

    const cat = category.trim();
    if (!cat) found.category = ["Pick the category to set."];
    else if (cat.length > 64) found.category = ["Use at most 64 characters."];

    const done = await form.submit(found, () => onSubmit({ field, operator, value: sendValue, valueTo: sendValueTo, category: cat }, { apply }));
    if (done && !isEdit) {
      // Keep field and operator for the next rule; clear the rest.
      setValue("");
      setValueTo("");
      setCategory("");
      form.focusField("value");
    }
  }
  const draft = previewDraft(field, operator, value, valueTo, category);

  return (
    <FormShell
      {...form.shell}
      onSubmit={handleSubmit}
      label={isEdit ? "Edit rule" : "Add a rule"}
      testId={isEdit ? "edit-rule-form" : "add-rule-form"}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-12">
        <Field {...fieldProps("field", "Field", "lg:col-span-2")}>
          <select {...form.field("field")} value={field} onChange={(e) => changeField(e.target.value as RuleField)}>
            {RULE_FIELD_OPTIONS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps("operator", "Condition", "lg:col-span-2")}>
          <select
            {...form.field("operator")}
            value={operator}
            onChange={(e) => {
              setOperator(e.target.value as RuleOperator);
              setErrors((er) => ({ ...er, operator: undefined, value: undefined, valueTo: undefined }));
            }}
          >
            {operatorsFor(field).map((op) => (
              <option key={op} value={op}>
                {operatorLabel(op)}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps("value", isBetween ? "From" : isAmount ? "Amount" : operator === "regex" ? "Pattern" : "Text", isBetween ? "lg:col-span-2" : "lg:col-span-4")}>
          <input
            {...form.field("value")}
            type="text"
            inputMode={isAmount ? "decimal" : undefined}
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            placeholder={isAmount ? "-12.34" : operator === "regex" ? "^uber\\b" : "e.g. uber"}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={describedBy("value", isAmount ? `${id("amount-hint")}` : operator === "regex" ? id("regex-hint") : undefined)}
            className={`${inputClass("value")} ${isAmount ? "text-right tabular-nums" : operator === "regex" ? "font-mono" : ""}`}
          />
        </Field>
        {isBetween ? (
          <Field {...fieldProps("valueTo", "To", "lg:col-span-2")}>
            <input
              {...form.field("valueTo")}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="-5.00"
              value={valueTo}
              onChange={(e) => setValueTo(e.target.value)}
              aria-describedby={describedBy("valueTo", id("amount-hint"))}
              className={`${inputClass("valueTo")} text-right tabular-nums`}
            />
          </Field>
        ) : null}
        <Field {...fieldProps("category", "Set category", "lg:col-span-4")}>
          <CategoryInput {...form.field("category")} categories={categories} listId={id("categories")} placeholder="e.g. Transport" value={category} onChange={(e) => setCategory(e.target.value)} />
        </Field>
      </div>
      {isAmount ? (
        <p id={id("amount-hint")} className="text-xs text-slate-500">
          Amounts are signed: money out is negative (an expense of 12.34 is -12.34).
        </p>
      ) : operator === "regex" ? (
        <p id={id("regex-hint")} className="text-xs text-slate-500">
          A regular expression in RE2 syntax (no look-around or back-references), e.g. <code className="font-mono">^(uber|lyft)\b</code>.
        </p>
      ) : null}
      {draft ? (
        <RulePreviewPanel draft={draft} ruleId={isEdit ? initial?.id : undefined} />
      ) : (
        <p className="text-xs text-slate-500" data-testid="rule-preview-hint">
          Enter what to match and a category to see which of your transactions the rule would change.
        </p>
      )}
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="apply"
          checked={apply}
          onChange={(e) => setApply(e.target.checked)}
          className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
        />
        Apply to existing transactions
      </label>
      <FormActions pending={form.pending} onCancel={onCancel} label={isEdit ? "Save" : "Add rule"} pendingLabel={isEdit ? "Saving…" : "Adding…"} />
    </FormShell>
  );
}

