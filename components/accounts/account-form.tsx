"use client";

import { useState, type FormEvent } from "react";
import { Field, FormActions, FormShell } from "@/components/form/form-parts";
import { useFormSubmit, type FieldErrorsOf, type SubmitOutcome } from "@/components/form/use-form-submit";
import type { AccountView } from "@/lib/accounts/accounts";
import { currencyDigits, formatAmount } from "@/lib/finance/money";

// Add and edit form for an account: name, institution, type, currency (ISO 4217), opening
// balance and its date, the bank's number or IBAN (statement files are matched by it) and,
// when editing, archived. Checked here in words first; the API's 422/409 fields land under
// the same fields.

export interface CurrencyOption {
  code: string;
  name: string;
}

export interface AccountInput {
  name: string;
  institution: string | null;
  type: AccountView["type"];
  currency: string;
  openingBalance: string;
  openingDate: string | null;
  number: string | null;
  archived?: boolean;
}

export type AccountSubmitOutcome = SubmitOutcome;

type FieldName = "name" | "institution" | "type" | "currency" | "openingBalance" | "openingDate" | "number" | "archived";
const FIELD_NAMES: FieldName[] = ["name", "institution", "type", "currency", "openingBalance", "openingDate", "number", "archived"];

export const TYPE_OPTIONS: { value: AccountView["type"]; label: string }[] = [
  { value: "checking", label: "Checking" },
  { value: "savings", label: "Savings" },
  { value: "credit_card", label: "Credit card" },
  { value: "cash", label: "Cash" },
  { value: "loan", label: "Loan" },
];

const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY"];

/** "1,234.50" → "1234.50"; null when it is not a decimal amount with at most `digits` decimals. */
function normalizeOpening(text: string, digits: number): string | null {
  const t = text.trim().replace(/,(?=\d{3}(\D|$))/g, "").replace(/^\+/, "");
  const m = /^(-?)(\d{1,13})(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  if ((m[3] ?? "").length > digits) return null;
  return t;
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

interface Props {
  mode: "create" | "edit";
  initial?: AccountView;
  currencies: CurrencyOption[];
  onSubmit: (input: AccountInput) => Promise<AccountSubmitOutcome>;
  onCancel?: () => void;
}

export function AccountForm({ mode, initial, currencies, onSubmit, onCancel }: Props) {
  const form = useFormSubmit(FIELD_NAMES);
  const { id, field, describedBy, inputClass, fieldProps } = form;
  const isEdit = mode === "edit";
  const [name, setName] = useState(initial?.name ?? "");
  const [institution, setInstitution] = useState(initial?.institution ?? "");
  const [type, setType] = useState<AccountView["type"]>(initial?.type ?? "checking");
  const [currency, setCurrency] = useState(initial?.currency ?? "USD");
  const [openingBalance, setOpeningBalance] = useState(initial?.openingBalance ?? "");
  const [openingDate, setOpeningDate] = useState(initial?.openingDate ?? "");
  const [number, setNumber] = useState(initial?.number ?? "");
  const [archived, setArchived] = useState(initial?.archived ?? false);
  const digits = currencyDigits(currency);
  const example = formatAmount(digits === 0 ? 1200n : 120050n * 10n ** BigInt(Math.max(0, digits - 2)), digits);
  const common = COMMON_CURRENCIES.map((code) => currencies.find((c) => c.code === code)).filter((c): c is CurrencyOption => !!c);
  // A code the list does not know (an account created from a file) stays choosable.
  const known = currencies.some((c) => c.code === currency);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.pending) return;
    const found: FieldErrorsOf<FieldName> = {};
    const cleanName = name.trim();
    if (!cleanName) found.name = ["Name the account, e.g. “Everyday checking”."];
    else if (cleanName.length > 100) found.name = ["Use at most 100 characters."];
    if (institution.trim().length > 100) found.institution = ["Use at most 100 characters."];
    if (!/^[A-Z]{3}$/.test(currency)) found.currency = ["Pick the account’s currency."];
    let opening = "0";
    if (openingBalance.trim() !== "") {
      const normalized = normalizeOpening(openingBalance, digits);
      if (normalized === null) {
        found.openingBalance = [
          digits === 0
            ? `${currency} has no decimals: enter a whole amount like ${example}.`
            : `Enter an amount like ${example} (up to ${digits} decimals; negative for a card or loan balance owed).`,
        ];
      } else opening = normalized;
    }
    const date = openingDate.trim();
    if (date && !isCalendarDate(date)) found.openingDate = ["Enter a date like 2024-01-31."];
    const cleanNumber = number.replace(/\s+/g, "").toUpperCase();
    if (cleanNumber.length > 64) found.number = ["Use at most 64 characters."];
    else if (cleanNumber && !/^[A-Z0-9/.-]+$/.test(cleanNumber)) found.number = ["Use letters, digits, / . or - (an account number or IBAN)."];

    const done = await form.submit(found, () =>
      onSubmit({
        name: cleanName,
        institution: institution.trim() || null,
        type,
        currency,
        openingBalance: opening,
        openingDate: date || null,
        number: cleanNumber || null,
        ...(isEdit ? { archived } : {}),
      }),
    );
    if (done && !isEdit) {
      setName("");
      setInstitution("");
      setOpeningBalance("");
      setOpeningDate("");
      setNumber("");
    }
  }

  return (
    <FormShell
      {...form.shell}
      onSubmit={handleSubmit}
      label={isEdit ? `Edit ${initial?.name ?? "account"}` : "Add an account"}
      testId={isEdit ? "edit-account-form" : "add-account-form"}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field {...fieldProps("name", "Name")}>
          <input {...field("name")} type="text" autoComplete="off" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field {...fieldProps("institution", "Institution", "", true)}>
          <input {...field("institution")} type="text" autoComplete="off" maxLength={120} placeholder="e.g. Example Bank" value={institution} onChange={(e) => setInstitution(e.target.value)} />
        </Field>
        <Field {...fieldProps("type", "Type")}>
          <select {...field("type")} value={type} onChange={(e) => setType(e.target.value as AccountView["type"])}>
            {TYPE_OPTIONS.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps("currency", "Currency")}>
          <select {...field("currency")} value={currency} onChange={(e) => setCurrency(e.target.value)} aria-describedby={describedBy("currency", id("currency-hint"))}>
            {!known ? <option value={currency}>{currency}</option> : null}
            <optgroup label="Common">
              {common.map((c) => (
                <option key={`common-${c.code}`} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="All currencies (ISO 4217)">
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </optgroup>
          </select>
          <p id={id("currency-hint")} className="mt-1 text-xs text-slate-600">
            {digits === 2 ? "Amounts with 2 decimals." : digits === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have ${digits} decimals.`}
          </p>
        </Field>
        <Field {...fieldProps("openingBalance", "Opening balance", "", true)}>
          <input
            {...field("openingBalance")}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            placeholder={example}
            value={openingBalance}
            onChange={(e) => setOpeningBalance(e.target.value)}
            className={`${inputClass("openingBalance")} text-right tabular-nums`}
          />
        </Field>
        <Field {...fieldProps("openingDate", "Opening date", "", true)}>
          <input {...field("openingDate")} type="date" value={openingDate} onChange={(e) => setOpeningDate(e.target.value)} />
        </Field>
        <Field {...fieldProps("number", "Account number or IBAN", "sm:col-span-2", true)}>
          <input
            {...field("number")}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={80}
            placeholder="e.g. DE89 3704 0044 0532 0130 00"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            aria-describedby={describedBy("number", id("number-hint"))}
            className={`${inputClass("number")} font-mono`}
          />
          <p id={id("number-hint")} className="mt-1 text-xs text-slate-600">
            Statement files (OFX, CAMT.053, MT940) naming this number are imported into this account.
          </p>
        </Field>
        {isEdit ? (
          <div className="sm:col-span-2">
            <label className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" name="archived" checked={archived} onChange={(e) => setArchived(e.target.checked)} className="h-4 w-4 rounded border-slate-300" />
              Archived (kept with its transactions, listed last)
            </label>
          </div>
        ) : null}
      </div>
      <FormActions pending={form.pending} label={isEdit ? "Save account" : "Add account"} pendingLabel={isEdit ? "Saving…" : "Adding…"} onCancel={onCancel} />
    </FormShell>
  );
}
