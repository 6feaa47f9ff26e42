"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { requestJson } from "@/components/transactions/transaction-api";
import type { AccountView } from "@/lib/accounts/accounts";
import { AccountForm, type AccountInput, type AccountSubmitOutcome, type CurrencyOption } from "./account-form";
import { AccountsList } from "./accounts-list";

// The accounts page's interactive part: "Add account" opens the form above the list; a saved
// account replaces its card (the list keeps the server's order: open first, then by name).

const byOrder = (a: AccountView, b: AccountView) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name);

export function AccountsView({ initialAccounts, currencies }: { initialAccounts: AccountView[]; currencies: CurrencyOption[] }) {
  const router = useRouter();
  const [accounts, setAccounts] = useState(initialAccounts);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");

  async function submit(method: "POST" | "PATCH", url: string, input: AccountInput): Promise<AccountSubmitOutcome> {
    const res = await requestJson<{ account: AccountView }>(method, url, input);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      return { ok: false, fields: res.fields, message: res.message };
    }
    const saved = res.data.account;
    setAccounts((prev) => [...prev.filter((a) => a.id !== saved.id), saved].sort(byOrder));
    setNotice(`${saved.name} ${method === "POST" ? "added" : "saved"}.`);
    return { ok: true };
  }

  async function add(input: AccountInput) {
    const outcome = await submit("POST", "/api/accounts", input);
    if (outcome.ok) setAdding(false);
    return outcome;
  }

  function save(account: AccountView, input: AccountInput) {
    return submit("PATCH", `/api/accounts/${encodeURIComponent(account.id)}`, input);
  }

  return (
    <div className="space-y-4">
      <p role="status" aria-live="polite" className="sr-only">
        {notice}
      </p>
      {adding ? (
        <section className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" aria-labelledby="add-account-heading">
          <h2 id="add-account-heading" className="mb-3 text-base font-semibold text-slate-900">
            Add an account
          </h2>
          <AccountForm mode="create" currencies={currencies} onSubmit={add} onCancel={() => setAdding(false)} />
        </section>
      ) : (
        <button
          type="button"
          onClick={() => setAdding(true)}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
        >
          Add account
        </button>
      )}
      <AccountsList accounts={accounts} currencies={currencies} onSave={save} />
    </div>
  );
}
