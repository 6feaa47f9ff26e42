"use client";

import { useId, useState } from "react";
import type { CategoryView } from "@/lib/categories/user-categories";

// What each category's money counts as: spending (refunds lower it), income, or a transfer
// between the user's own accounts (neither). Changing a kind recomputes the summary.

const KINDS: { value: CategoryView["kind"]; label: string }[] = [
  { value: "expense", label: "Spending" },
  { value: "income", label: "Income" },
  { value: "transfer", label: "Transfer (neither)" },
];

export function CategoryKinds({ initialCategories }: { initialCategories: CategoryView[] }) {
  const [categories, setCategories] = useState(initialCategories);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const headingId = useId();

  async function change(id: string, kind: CategoryView["kind"]) {
    const before = categories;
    setCategories((list) => list.map((c) => (c.id === id ? { ...c, kind } : c)));
    setMessage(null);
    try {
      const res = await fetch(`/api/categories/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ kind }),
      });
      if (!res.ok) throw new Error(String(res.status));
      const name = before.find((c) => c.id === id)?.name ?? "The category";
      setMessage({ tone: "ok", text: `${name} now counts as ${KINDS.find((k) => k.value === kind)?.label.toLowerCase()}. Your summary is being updated.` });
    } catch {
      setCategories(before);
      setMessage({ tone: "error", text: "The change could not be saved. Please try again." });
    }
  }

  return (
    <section className="mt-8 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={headingId} data-testid="category-kinds">
      <h2 id={headingId} className="text-base font-semibold text-slate-900">
        What your categories count as
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Spending categories add up your expenses (money coming back in one of them is a refund and lowers it); income categories add
        up your income; transfers between your own accounts count as neither.
      </p>
      {message ? (
        <p role="status" className={`mt-3 text-sm ${message.tone === "ok" ? "text-green-700" : "text-red-700"}`}>
          {message.text}
        </p>
      ) : null}
      {categories.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No categories yet: they appear as your transactions get categorized.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {categories.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <label htmlFor={`kind-${c.id}`} className="min-w-0 truncate text-sm text-slate-800">
                {c.name}
              </label>
              <select
                id={`kind-${c.id}`}
                value={c.kind}
                onChange={(e) => void change(c.id, e.target.value as CategoryView["kind"])}
                className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900"
              >
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
