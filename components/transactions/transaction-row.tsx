"use client";

import { useCurrency } from "@/components/dashboard/currency";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import { ConfirmDialog } from "@/components/confirm-actions";
import { BadgeError, useBusyAction } from "@/components/use-busy-action";
import { DeleteConfirmActions } from "@/components/delete-confirm-actions";
import { formatDayLabel, formatMoney } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import { currencyDigits } from "@/lib/finance/money";
import { fetchReceipts } from "@/components/receipts/receipt-api";
import { ReceiptPanel } from "@/components/receipts/receipt-panel";
import { ReceiptUploadButton } from "@/components/receipts/receipt-upload-button";
import type { AccountChoice, Transaction } from "./transaction-api";
import { TransactionForm, type SubmitOutcome, type TransactionFormValues } from "./transaction-form";
import { LinkTransferButton, TransferBadge, type TransferChanged } from "./transfer-controls";

const COLUMNS = 6;

/** "Create a rule from this transaction": the rules page with its payee (or description) and category filled in. */
function ruleFromTransactionHref(t: Transaction): string {
  const params = new URLSearchParams(
    t.payee ? { field: "payee", operator: "equals", value: t.payee } : { field: "description", operator: "contains", value: t.description },
  );
  if (t.category) params.set("category", t.category);
  return `/dashboard/rules?${params}`;
}

interface Props {
  transaction: Transaction;
  categories: string[];
  accounts?: AccountChoice[];
  onSave: (t: Transaction, values: TransactionFormValues) => Promise<SubmitOutcome>;
  onDelete: (t: Transaction) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** Sets the category to the classifier's suggestion (shown when the row needs review). */
  onAcceptSuggestion?: (t: Transaction) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** A transfer was linked or unlinked from this row (the list re-reads both sides). */
  onTransferChanged?: TransferChanged;
  /** Chosen for a bulk action (the checkbox in the first column). */
  selected?: boolean;
  onSelect?: (t: Transaction, selected: boolean) => void;
}

/** "Review" badge with the suggested category and an Accept button. */
function ReviewSuggestion({
  transaction: t,
  onAccept,
}: {
  transaction: Transaction;
  onAccept?: (t: Transaction) => Promise<{ ok: true } | { ok: false; message: string }>;
}) {
  const { busy: accepting, error, run } = useBusyAction();
  const suggestion = t.suggestedCategory;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-x-1.5 gap-y-1" data-testid="review-badge">
      <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-inset ring-amber-200">Review</span>
      {suggestion ? (
        <>
          <span className="text-xs text-slate-700">
            <span className="sr-only">Suggested category: </span>
            {suggestion}?
          </span>
          {onAccept ? (
            <button
              type="button"
              disabled={accepting}
              onClick={() =>
                run(async () => {
                  const outcome = await onAccept(t);
                  // On success the row re-renders without the badge.
                  return outcome.ok ? null : outcome.message;
                })
              }
              aria-label={`Accept category ${suggestion} for ${t.description}`}
              className="inline-flex items-center gap-1 rounded-md border border-amber-300 bg-white px-1.5 py-0.5 text-xs font-medium text-amber-900 hover:bg-amber-50 disabled:opacity-60"
            >
              {accepting ? <Spinner className="h-3 w-3" /> : null}
              {accepting ? "Saving…" : "Accept"}
            </button>
          ) : null}
        </>
      ) : (
        <span className="text-xs text-slate-600">Pick a category with Edit.</span>
      )}
      <BadgeError message={error} />
    </span>
  );
}

/** One table row: shows the transaction, or its inline edit form, or a delete confirmation. */
export function TransactionRow({ transaction: t, categories, accounts, onSave, onDelete, onAcceptSuggestion, onTransferChanged, selected = false, onSelect }: Props) {
  const [mode, setMode] = useState<"view" | "edit" | "confirm">("view");
  // The account's own currency (its symbol and decimals), else the person's main one.
  const mainCurrency = useCurrency();
  const currency = t.currency ?? mainCurrency;
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const cancelDelete = useRef<HTMLButtonElement>(null);
  const editRow = useRef<HTMLTableRowElement>(null);
  const returnFocus = useRef<"edit" | "delete" | null>(null);
  const [receiptId, setReceiptId] = useState<string | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);

  // The row's receipt icon opens its newest receipt beside the list.
  async function openReceipt() {
    setReceiptError(null);
    const outcome = await fetchReceipts(t.id);
    if (outcome.ok && outcome.data.receipts[0]) setReceiptId(outcome.data.receipts[0].id);
    else setReceiptError(outcome.ok ? "No receipt found" : outcome.message);
  }

  // Move focus into the edit form / confirmation, and back to the row's button after.
  useEffect(() => {
    if (mode === "edit") editRow.current?.querySelector<HTMLInputElement>("input[name=description]")?.focus();
    else if (mode === "confirm") cancelDelete.current?.focus();
    else if (returnFocus.current === "edit") editButton.current?.focus();
    else if (returnFocus.current === "delete") deleteButton.current?.focus();
  }, [mode]);

  // Accepting removes the badge (and its button): keep the keyboard on this row.
  const accept = onAcceptSuggestion
    ? async (tx: Transaction) => {
        const outcome = await onAcceptSuggestion(tx);
        if (outcome.ok) requestAnimationFrame(() => editButton.current?.focus());
        return outcome;
      }
    : undefined;

  if (mode === "edit") {
    return (
      <tr ref={editRow} className="bg-indigo-50/40" data-testid="transaction-row" data-id={t.id}>
        <td colSpan={COLUMNS} className="px-3 py-4 sm:px-4">
          <TransactionForm
            mode="edit"
            initial={t}
            categories={categories}
            accounts={accounts}
            onCancel={() => {
              returnFocus.current = "edit";
              setMode("view");
            }}
            onSubmit={async (values) => {
              const outcome = await onSave(t, values);
              if (outcome.ok) {
                returnFocus.current = "edit";
                setMode("view");
              }
              return outcome;
            }}
          />
        </td>
      </tr>
    );
  }

  if (mode === "confirm") {
    return (
      <tr className="bg-red-50/60" data-testid="transaction-row" data-id={t.id}>
        <td colSpan={COLUMNS} className="px-3 py-3 sm:px-4">
          <ConfirmDialog
            id={`confirm-${t.id}`}
            question={
              <>
                Delete “{t.description}” ({formatMoney(t.amount, currency, currencyDigits(currency))} on {formatDayLabel(t.date)})? This can’t be undone.
              </>
            }
          >
            <DeleteConfirmActions
              cancelRef={cancelDelete}
              onDelete={() => onDelete(t)}
              onCancel={() => {
                returnFocus.current = "delete";
                setMode("view");
              }}
            />
          </ConfirmDialog>
        </td>
      </tr>
    );
  }

  return (
    <tr className={`align-top ${selected ? "bg-indigo-50/60" : "hover:bg-slate-50"}`} data-testid="transaction-row" data-id={t.id} data-selected={selected || undefined}>
      <td className="w-8 py-3 pl-3 pr-0 sm:pl-4">
        {onSelect ? (
          <input
            type="checkbox"
            checked={selected}
            onChange={(e) => onSelect(t, e.target.checked)}
            aria-label={`Select ${t.description}`}
            data-testid="row-select"
            className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
          />
        ) : null}
      </td>
      <td className="hidden whitespace-nowrap px-4 py-3 text-sm text-slate-600 tabular-nums sm:table-cell">
        <time dateTime={t.date}>{formatDayLabel(t.date)}</time>
      </td>
      <td className="px-3 py-3 text-sm sm:px-4">
        {/* A cleaned-up payee reads first; the bank's own text stays beneath it. */}
        <span className="block font-medium text-slate-900 wrap-anywhere" data-testid={t.payee ? "transaction-payee" : "transaction-description"}>
          {t.payee || t.description}
        </span>
        {t.payee ? (
          <span className="mt-0.5 block text-xs text-slate-600 wrap-anywhere" data-testid="transaction-description">
            <span className="sr-only">Bank description: </span>
            {t.description}
          </span>
        ) : null}
        {t.notes ? (
          <span className="mt-0.5 block text-xs italic text-slate-600 wrap-anywhere" data-testid="transaction-notes-text">
            <span className="sr-only">Note: </span>
            {t.notes}
          </span>
        ) : null}
        <span className="mt-0.5 block text-xs text-slate-500 sm:hidden">
          <time dateTime={t.date}>{formatDayLabel(t.date)}</time>
          {t.category ? ` · ${t.category}` : null}
          {t.accountName ? ` · ${t.accountName}` : null}
        </span>
        {t.needsReview ? <ReviewSuggestion transaction={t} onAccept={accept} /> : null}
        {onTransferChanged ? <TransferBadge transaction={t} onChanged={onTransferChanged} /> : null}
        {receiptError ? (
          <span role="alert" className="mt-1 block text-xs text-red-700">
            {receiptError}
          </span>
        ) : null}
        {receiptId ? <ReceiptPanel receiptId={receiptId} onClose={() => setReceiptId(null)} /> : null}
      </td>
      <td className="hidden px-4 py-3 text-sm sm:table-cell">
        {t.category ? (
          <span className="inline-block max-w-[12rem] truncate rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">
            {t.category}
          </span>
        ) : (
          <span className="text-xs text-slate-500">—</span>
        )}
        {t.accountName ? (
          <span className="mt-1 block max-w-[12rem] truncate text-xs text-slate-600" data-testid="transaction-account">
            <span className="sr-only">Account: </span>
            {t.accountName}
          </span>
        ) : null}
      </td>
      <td className="whitespace-nowrap px-3 py-3 text-right text-sm font-medium sm:px-4">
        <Money amount={t.amount} currency={t.currency ?? undefined} />
      </td>
      <td className="whitespace-nowrap px-2 py-2 text-right sm:px-4">
        {/* Stacked on a phone, so the row fits 390 px beside a long amount. */}
        <div className="flex flex-col items-end gap-1 sm:flex-row sm:justify-end">
          {t.receiptCount ? (
            <button
              type="button"
              onClick={openReceipt}
              aria-label={`Open the receipt of ${t.description}`}
              title="Receipt"
              data-testid="receipt-icon"
              className="rounded-md px-1.5 py-1 text-slate-700 hover:bg-slate-100"
            >
              <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M5 2.5h10v15l-2-1.3-1.7 1.3-1.6-1.3-1.7 1.3-1.6-1.3L5 17.5z" strokeLinejoin="round" />
                <path d="M7.5 6.5h5M7.5 9.5h5M7.5 12.5h3" strokeLinecap="round" />
              </svg>
            </button>
          ) : (
            <ReceiptUploadButton
              transactionId={t.id}
              label="Receipt"
              onUploaded={setReceiptId}
              className="hidden items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:inline-flex"
            />
          )}
          <Link
            href={ruleFromTransactionHref(t)}
            aria-label={`Create a rule from ${t.description}`}
            className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Rule
          </Link>
          {onTransferChanged ? <LinkTransferButton transaction={t} onChanged={onTransferChanged} /> : null}
          <button
            ref={editButton}
            type="button"
            onClick={() => setMode("edit")}
            aria-label={`Edit ${t.description}`}
            className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
          >
            Edit
          </button>
          <button
            ref={deleteButton}
            type="button"
            onClick={() => setMode("confirm")}
            aria-label={`Delete ${t.description}`}
            className="rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"
          >
            Delete
          </button>
        </div>
      </td>
    </tr>
  );
}
