"use client";

import Link from "next/link";
import { useState } from "react";
import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import { Money } from "@/components/dashboard/money-amount";
import { formatWhen } from "@/components/imports/import-format";
import type { AccountView } from "@/lib/accounts/accounts";
import { AccountForm, type AccountInput, type AccountSubmitOutcome, type CurrencyOption } from "./account-form";

// The accounts page's list: one card per account with its balance (opening balance + its
// transactions, summed by Postgres), its last import, and whether its balance on the last
// statement's date agrees with the balance the bank stated; "Edit" opens the account's form in
// its card. Amounts show in the account's own currency and decimals.

const TYPE_LABELS: Record<AccountView["type"], string> = {
  checking: "Checking",
  savings: "Savings",
  credit_card: "Credit card",
  cash: "Cash",
  loan: "Loan",
};

function StatementProof({ account }: { account: AccountView }) {
  const s = account.lastStatement;
  if (!s) return <p className="text-sm text-slate-600">No statement balance imported yet.</p>;
  return (
    <div className="text-sm" data-testid="statement-proof">
      <p className="text-slate-700">
        Statement of {formatDayLabel(s.date)}: <Money amount={s.closingBalance} tone="neutral" currency={account.currency} />
      </p>
      {s.matches ? (
        <p className="mt-1 font-medium text-green-800">✓ The account agrees with the statement.</p>
      ) : (
        <p className="mt-1 font-medium text-red-800">
          ✗ The account differs by <Money amount={s.difference} tone="neutral" currency={account.currency} /> on that day. Open the last import to see which
          dates are likely missing.
        </p>
      )}
    </div>
  );
}

function AccountCard({
  account: a,
  currencies,
  onSave,
}: {
  account: AccountView;
  currencies: CurrencyOption[];
  onSave: (account: AccountView, input: AccountInput) => Promise<AccountSubmitOutcome>;
}) {
  const [editing, setEditing] = useState(false);
  return (
    <li className={`min-w-0 rounded-2xl border bg-white p-4 shadow-sm sm:p-5 ${a.archived ? "border-dashed border-slate-300" : "border-slate-200"}`} data-testid="account-card">
      {editing ? (
        <AccountForm
          mode="edit"
          initial={a}
          currencies={currencies}
          onSubmit={async (input) => {
            const outcome = await onSave(a, input);
            if (outcome.ok) setEditing(false);
            return outcome;
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className={a.archived ? "opacity-75" : ""}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div className="min-w-0">
              <h2 className="break-words text-base font-semibold text-slate-900">{a.name}</h2>
              <p className="break-words text-xs text-slate-600">
                {TYPE_LABELS[a.type]} · {a.currency}
                {a.institution ? ` · ${a.institution}` : ""}
                {a.number ? ` · ${a.number}` : ""}
                {a.archived ? " · archived" : ""}
              </p>
            </div>
            <p className="ml-auto text-right">
              <span className="block text-xs text-slate-600">Balance</span>
              <Money amount={a.balance} className="text-lg font-semibold" currency={a.currency} />
            </p>
          </div>
          <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">Opening balance</dt>
            <dd className="text-right">
              <Money amount={a.openingBalance} tone="neutral" currency={a.currency} />
              {a.openingDate ? <span className="text-xs text-slate-600"> on {formatDayLabel(a.openingDate)}</span> : null}
            </dd>
            <dt className="text-slate-600">Last import</dt>
            <dd className="text-right text-slate-800">{a.lastImportAt ? formatWhen(a.lastImportAt) : "never"}</dd>
          </dl>
          <div className="mt-3 border-t border-slate-100 pt-3">
            <StatementProof account={a} />
          </div>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-2">
            <Link href={`/dashboard/transactions?accountId=${encodeURIComponent(a.id)}`} className="text-sm font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
              {a.transactionCount.toLocaleString("en-US")} transaction{a.transactionCount === 1 ? "" : "s"} →
            </Link>
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
              aria-label={`Edit ${a.name}`}
            >
              Edit
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

export function AccountsList({
  accounts,
  currencies,
  onSave,
}: {
  accounts: AccountView[];
  currencies: CurrencyOption[];
  onSave: (account: AccountView, input: AccountInput) => Promise<AccountSubmitOutcome>;
}) {
  if (accounts.length === 0) {
    return (
      <p className="rounded-2xl border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
        No accounts yet. Add one above, or upload a bank statement on the <Link href="/dashboard/imports" className="font-medium text-indigo-700 underline">Imports</Link> page
        (CSV, OFX/QFX/QBO, QIF, CAMT.053 or MT940): the accounts it names are created for you.
      </p>
    );
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2" aria-label="Accounts">
      {accounts.map((a) => (
        <AccountCard key={a.id} account={a} currencies={currencies} onSave={onSave} />
      ))}
    </ul>
  );
}
