"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { Field } from "@/components/form/form-parts";
import { checkUploadFile, fetchAccounts, uploadFile, type Account, type UploadCheck } from "./import-api";
import { formatFileSize } from "./import-format";

// The upload card: a file (picker or drop), the account it belongs to (an existing one, a new
// one by name, or none), and "skip duplicates". An upload answers with the import's id: the
// import page shows the preview (201) or, when a saved layout matched, the progress (202).
// Once a file is chosen the card asks the server what the upload will do, so the button says
// whether a preview comes and "No account" says where the rows will go.

const NEW_ACCOUNT = "__new__";

const inputClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm";

export function UploadCard({ maxSizeLabel }: { maxSizeLabel?: string }) {
  const router = useRouter();
  const uid = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [accountsError, setAccountsError] = useState(false);
  const [account, setAccount] = useState("");
  const [newAccountName, setNewAccountName] = useState("");
  const [dedupe, setDedupe] = useState(true);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The answer is kept with the file it is about, so a newly chosen file never shows the last one's.
  const [checked, setChecked] = useState<{ file: File; check: UploadCheck } | null>(null);
  const check = checked && checked.file === file ? checked.check : null;

  useEffect(() => {
    if (!file) return;
    const abort = new AbortController();
    // A failed check changes nothing: the upload itself reports any problem with the file.
    checkUploadFile(file, abort.signal)
      .then((res) => {
        if (res.ok) setChecked({ file, check: res.data });
      })
      .catch(() => undefined);
    return () => abort.abort();
  }, [file]);

  useEffect(() => {
    let cancelled = false;
    void fetchAccounts().then((res) => {
      if (cancelled) return;
      if (res.ok) setAccounts(res.data.accounts);
      else setAccountsError(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  function pick(f: File | null) {
    setFile(f);
    setError(null);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files?.[0];
    if (f) pick(f);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    if (!file) {
      setError("Choose a CSV or statement file to import.");
      fileInput.current?.focus();
      return;
    }
    if (account === NEW_ACCOUNT && !newAccountName.trim()) {
      setError("Give the new account a name, or choose another account.");
      return;
    }
    setPending(true);
    setError(null);
    const res = await uploadFile({
      file,
      accountId: account && account !== NEW_ACCOUNT ? account : null,
      accountName: account === NEW_ACCOUNT ? newAccountName.trim() : null,
      dedupe,
    });
    if (!res.ok) {
      setPending(false);
      if (res.status === 401) router.replace("/login");
      setError(res.message);
      return;
    }
    router.push(`/dashboard/imports/${encodeURIComponent(res.data.importId)}`);
  }

  const errorId = `${uid}-error`;

  return (
    <section aria-labelledby={`${uid}-title`} className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="upload-card">
      <h2 id={`${uid}-title`} className="text-base font-semibold text-slate-900">
        Upload a bank statement
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        A CSV export from your bank or card (we detect its layout; you check the first rows before anything is imported, unless you
        saved the layout of these columns before), or a statement file: OFX, QFX, QBO, QIF, CAMT.053 (or a .zip of them) or MT940,
        imported at once into the account it names.
      </p>
      <form onSubmit={submit} noValidate className="mt-4 space-y-4" aria-busy={pending}>
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 py-6 text-center transition ${
            dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"
          }`}
          data-testid="drop-zone"
        >
          <svg viewBox="0 0 24 24" className="h-8 w-8 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true" focusable="false">
            <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {file ? (
            <p className="text-sm text-slate-900" data-testid="chosen-file">
              <span className="font-medium">{file.name}</span> <span className="text-slate-500">({formatFileSize(file.size)})</span>
            </p>
          ) : (
            <p className="text-sm text-slate-600">Drop a CSV or statement file here, or</p>
          )}
          {/* The input sits inside its label, so keyboard focus shows on the visible button. */}
          <label className="cursor-pointer rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-within:ring-2 focus-within:ring-indigo-300">
            {file ? "Choose another file" : "Choose a file"}
            <input
              ref={fileInput}
              id={`${uid}-file`}
              name="file"
              type="file"
              accept=".csv,.txt,.tsv,.ofx,.qfx,.qbo,.qif,.xml,.zip,.sta,.mt940,.940,text/csv,text/plain,application/xml,application/zip"
              className="sr-only"
              aria-label="CSV file or bank statement"
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
            />
          </label>
          {maxSizeLabel ? <p className="text-xs text-slate-500">Up to {maxSizeLabel}.</p> : null}
        </div>

        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Account" optional htmlFor={`${uid}-account`}>
            <select id={`${uid}-account`} value={account} onChange={(e) => setAccount(e.target.value)} className={inputClass}>
              <option value="">No account</option>
              {(accounts ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.institution ? `${a.name} (${a.institution})` : a.name}
                </option>
              ))}
              <option value={NEW_ACCOUNT}>New account…</option>
            </select>
            {accountsError ? <p className="mt-1 text-xs text-slate-500">Your accounts couldn’t be loaded; you can still create one.</p> : null}
            {account === "" ? (
              <p className="mt-1 text-xs text-slate-500" data-testid="no-account-note">
                {check?.statement
                  ? "Goes to the account named by the file’s account number (created if you have none with that number)."
                  : check?.noAccountTarget
                    ? `Goes to ${check.noAccountTarget.name}, where your last file with these columns went, so rows already there are not imported again.`
                    : check
                      ? `Goes to your Cash account, the default one (no earlier file had these columns); a later upload of the same columns follows it, so its rows are never imported twice.`
                      : `Goes where your last file with the same columns went (to your Cash account if none did), so re-uploading a file never imports its rows twice.`}
              </p>
            ) : null}
          </Field>
          {account === NEW_ACCOUNT ? (
            <Field label="New account name" htmlFor={`${uid}-account-name`}>
              <input
                id={`${uid}-account-name`}
                type="text"
                maxLength={100}
                autoComplete="off"
                placeholder="e.g. Chase checking"
                value={newAccountName}
                onChange={(e) => setNewAccountName(e.target.value)}
                className={inputClass}
              />
            </Field>
          ) : null}
        </div>

        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={dedupe} onChange={(e) => setDedupe(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600" />
          <span>
            Skip duplicates
            <span className="block text-xs text-slate-500">
              Rows already imported for this account, or without an account, are left out (same date, amount and description).
            </span>
          </span>
        </label>

        {error ? (
          <p id={errorId} role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="upload-error">
            {error}
          </p>
        ) : null}

        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <button
            type="submit"
            disabled={pending}
            data-testid="upload-submit"
            className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-70"
          >
            {pending ? <Spinner /> : null}
            {pending ? "Uploading…" : check?.skipsPreview ? "Upload and import (no preview)" : "Upload and preview"}
          </button>
          {check?.skipsPreview ? (
            <p className="text-xs text-slate-600" data-testid="skips-preview-note">
              Your saved layout for these columns is used: the import starts at once.
            </p>
          ) : null}
        </div>
      </form>
    </section>
  );
}
