import type { FormEvent, InputHTMLAttributes, ReactNode, RefObject } from "react";
import { Spinner } from "@/components/auth/auth-field";

// Pieces the app's forms share: the form with its form-level error, a labelled field with its
// errors, the inputs' attributes, and the submit/cancel row.

export function Field({
  label,
  htmlFor,
  error,
  errorId,
  optional,
  className = "",
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string[];
  /** The error text's id (what the input's aria-describedby names); `${htmlFor}-error` unless given. */
  errorId?: string;
  optional?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
        {optional ? <span className="font-normal text-slate-500"> (optional)</span> : null}
      </label>
      {children}
      {error?.length ? (
        <p id={errorId ?? `${htmlFor}-error`} className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A category name input that suggests the user's categories (any other name is created). */
export function CategoryInput({ categories, listId, ...input }: InputHTMLAttributes<HTMLInputElement> & { categories: string[]; listId: string }) {
  return (
    <>
      <input {...input} type="text" list={listId} maxLength={64} autoComplete="off" />
      <datalist id={listId}>
        {categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}

export function FormActions({
  pending,
  label,
  pendingLabel,
  onCancel,
}: {
  pending: boolean;
  label: string;
  pendingLabel: string;
  onCancel?: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="submit" disabled={pending} className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-70">
        {pending ? <Spinner /> : null}
        {pending ? pendingLabel : label}
      </button>
      {onCancel ? (
        <button type="button" onClick={onCancel} disabled={pending} className="rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60">
          Cancel
        </button>
      ) : null}
    </div>
  );
}

/** The form element of an add/edit form, with its form-level error above the fields. */
export function FormShell({
  formRef,
  onSubmit,
  pending,
  label,
  testId,
  formError,
  children,
}: {
  formRef?: RefObject<HTMLFormElement | null>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  pending: boolean;
  label: string;
  testId: string;
  formError: string | null;
  children: ReactNode;
}) {
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-busy={pending} aria-label={label} className="space-y-3" data-testid={testId}>
      {formError ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      {children}
    </form>
  );
}

/** Attributes of a form's inputs from its field errors: ids, error references, the error look. */
export function inputAttributes<Name extends string>(errors: Partial<Record<Name, string[]>>, id: (name: string) => string) {
  const describedBy = (name: Name, hint?: string) =>
    [errors[name]?.length ? `${id(name)}-error` : null, hint ?? null].filter(Boolean).join(" ") || undefined;
  const inputClass = (name: Name) =>
    `mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base shadow-sm outline-none focus-visible:outline-none focus:ring-2 sm:text-sm ${
      errors[name]?.length ? "border-red-500 focus:ring-red-200" : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-200"
    }`;
  const field = (name: Name) => ({
    id: id(name),
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": describedBy(name),
    className: inputClass(name),
  });
  return { describedBy, inputClass, field };
}

/**
 * A refused submit's errors: those of the form's own fields (`rename` maps an API field name to
 * the form's) and one form-level message for the rest, or the outcome's message when no field
 * was named.
 */
export function splitSubmitErrors<Name extends string>(
  outcome: { fields?: Record<string, string[]>; message?: string },
  fieldNames: readonly Name[],
  rename: (key: string) => string = (key) => key,
): { fields: Partial<Record<Name, string[]>>; formError: string | null } {
  const fields: Partial<Record<Name, string[]>> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(outcome.fields ?? {})) {
    const name = rename(key);
    if ((fieldNames as readonly string[]).includes(name)) fields[name as Name] = [...(fields[name as Name] ?? []), ...messages];
    else other.push(...messages);
  }
  const formError = other.length > 0 ? other.join(" ") : Object.keys(fields).length > 0 ? null : (outcome.message ?? "Something went wrong.");
  return { fields, formError };
}
