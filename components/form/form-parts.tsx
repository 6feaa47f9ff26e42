import type { ReactNode } from "react";
import { Spinner } from "@/components/auth/auth-field";

// Pieces the app's forms share: a labelled field with its errors, and the submit/cancel row.

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
  errorId: string;
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
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </div>
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
