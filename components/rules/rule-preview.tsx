"use client";

import { useEffect, useRef, useState } from "react";
import { useCurrency } from "@/components/dashboard/currency";
import { formatDayLabel, formatMoney } from "@/components/dashboard/dashboard-format";
import { fetchRulePreview, type RuleInput, type RulePreview } from "./rule-api";

// Before a rule is saved: how many existing transactions it would re-categorize, and the
// newest of them, current → new category. Asked again a moment after the draft stops changing;
// an answer to an older draft is dropped.

const DEBOUNCE_MS = 400;

function countText(n: number, complete: boolean): string {
  const text = n.toLocaleString("en-US");
  return complete ? text : `at least ${text}`;
}

export function RulePreviewPanel({ draft, ruleId }: { draft: RuleInput | null; ruleId?: string }) {
  const currency = useCurrency();
  const [preview, setPreview] = useState<RulePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const key = draft ? JSON.stringify(draft) : "";

  useEffect(() => {
    const ticket = ++asked.current;
    if (!key) return;
    const timer = setTimeout(() => {
      setLoading(true);
      void fetchRulePreview(JSON.parse(key) as RuleInput, ruleId).then((res) => {
        if (ticket !== asked.current) return;
        setLoading(false);
        if (res.ok) {
          setPreview(res.data.preview);
          setError(null);
        } else {
          setPreview(null);
          // A 422 is the form's business (it shows the field errors on save).
          setError(res.status === 422 ? null : res.message);
        }
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, ruleId]);

  if (!draft) return null;
  const stale = loading || !preview;
  return (
    <section
      aria-label="Preview of the transactions this rule would change"
      aria-busy={loading}
      data-testid="rule-preview"
      className="rounded-xl border border-slate-200 bg-slate-50 p-3 text-sm"
    >
      {error ? (
        <p className="text-red-800">The preview isn’t available: {error}</p>
      ) : !preview ? (
        <p className="text-slate-600" role="status">
          Checking your transactions…
        </p>
      ) : (
        <div className={stale ? "opacity-70" : ""}>
          <p className="text-slate-800" role="status" aria-live="polite" data-testid="rule-preview-summary">
            {preview.changes === 0 ? (
              <>No existing transaction would change.</>
            ) : (
              <>
                Would change <strong className="tabular-nums">{countText(preview.changes, preview.complete)}</strong> existing transaction
                {preview.changes === 1 ? "" : "s"}.
              </>
            )}
            {preview.unchanged > 0 ? <span className="text-slate-600"> {preview.unchanged.toLocaleString("en-US")} already have this category.</span> : null}
            {preview.shadowed > 0 ? (
              <span className="text-slate-600"> {preview.shadowed.toLocaleString("en-US")} more match, but an earlier rule takes them.</span>
            ) : null}
            {!preview.complete ? (
              <span className="text-slate-600"> (Counted over your newest {preview.scanned.toLocaleString("en-US")} candidates; applying covers all.)</span>
            ) : null}
          </p>
          {preview.sample.length > 0 ? (
            <ul className="mt-2 max-h-64 divide-y divide-slate-200 overflow-y-auto rounded-lg border border-slate-200 bg-white" data-testid="rule-preview-sample">
              {preview.sample.map((row) => (
                <li key={row.id} className="px-3 py-1.5">
                  <div className="flex items-baseline gap-3">
                    <span className="min-w-0 flex-1 truncate text-slate-800" title={row.description}>
                      {row.description}
                    </span>
                    <span className="shrink-0 text-xs tabular-nums text-slate-600">{formatMoney(row.amount, currency)}</span>
                  </div>
                  <div className="text-xs text-slate-600">
                    <span className="tabular-nums">{formatDayLabel(row.date)}</span>
                    <span aria-hidden="true"> · </span>
                    <span className="sr-only">, category: </span>
                    {row.from ?? <em>Uncategorized</em>} <span aria-hidden="true">→</span>
                    <span className="sr-only"> becomes </span> <span className="font-medium text-indigo-700">{row.to}</span>
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </section>
  );
}
