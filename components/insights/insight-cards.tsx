"use client";

import { useCallback, useEffect, useId, useState } from "react";
import type { InsightView } from "@/lib/insights/insights";

// The dashboard's insight cards: every type (spikes, creep, recurring payments, budget
// alerts) in one generic card, coloured by severity. Dismiss hides a card at once and puts it
// back if the server refuses.

const COLLAPSED = 6;

const TONE: Record<InsightView["severity"], { card: string; badge: string; label: string }> = {
  critical: { card: "border-red-200 bg-red-50", badge: "bg-red-100 text-red-800", label: "Critical" },
  warning: { card: "border-amber-200 bg-amber-50", badge: "bg-amber-100 text-amber-900", label: "Warning" },
  info: { card: "border-sky-200 bg-sky-50", badge: "bg-sky-100 text-sky-800", label: "Info" },
};

const TYPE_LABEL: Record<string, string> = {
  spending_spike: "Spending spike",
  category_creep: "Rising category",
  recurring_payment: "Recurring payment",
  budget_exceeded: "Budget exceeded",
  budget_warning: "Budget warning",
  budget_projection: "Budget projection",
};

export function typeLabel(type: string): string {
  return TYPE_LABEL[type] ?? type.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

async function loadInsights(): Promise<InsightView[] | null> {
  try {
    const res = await fetch("/api/insights", { cache: "no-store", headers: { accept: "application/json" } });
    if (!res.ok) return null;
    return ((await res.json()) as { insights: InsightView[] }).insights;
  } catch {
    return null;
  }
}

export function InsightCards({ initialInsights }: { initialInsights: InsightView[] | null }) {
  const [insights, setInsights] = useState<InsightView[] | null>(initialInsights);
  const [expanded, setExpanded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const refresh = useCallback(
    () =>
      loadInsights().then((next) => {
        if (next) setInsights(next);
      }),
    [],
  );

  useEffect(() => {
    if (initialInsights === null) void refresh();
  }, [initialInsights, refresh]);

  const dismiss = async (insight: InsightView) => {
    setError(null);
    setInsights((prev) => prev?.filter((i) => i.id !== insight.id) ?? prev);
    try {
      const res = await fetch(`/api/insights/${encodeURIComponent(insight.id)}/dismiss`, { method: "POST" });
      if (!res.ok && res.status !== 404) throw new Error(`HTTP ${res.status}`);
    } catch {
      // Put it back where it was.
      setInsights((prev) => (prev && !prev.some((i) => i.id === insight.id) ? [...prev, insight].sort(bySeverity) : prev));
      setError(`Couldn't dismiss "${insight.title}". Please try again.`);
    }
  };

  if (insights === null) return null;
  const shown = expanded ? insights : insights.slice(0, COLLAPSED);

  return (
    <section id="insights" aria-labelledby={headingId} className="space-y-3" data-testid="insights">
      <div className="flex items-baseline justify-between gap-3">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          Insights
        </h2>
        {insights.length > 0 ? <span className="text-sm text-slate-500" data-testid="insights-count">{insights.length} active</span> : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {insights.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600" data-testid="insights-empty">
          No insights right now. We look for spending spikes, rising categories and recurring payments every night.
        </p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {shown.map((insight) => (
            <InsightCard key={insight.id} insight={insight} onDismiss={() => void dismiss(insight)} />
          ))}
        </ul>
      )}
      {insights.length > COLLAPSED ? (
        <button type="button" onClick={() => setExpanded((v) => !v)} className="text-sm font-medium text-indigo-700 hover:text-indigo-900">
          {expanded ? "Show fewer" : `Show all ${insights.length} insights`}
        </button>
      ) : null}
    </section>
  );
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;
function bySeverity(a: InsightView, b: InsightView): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.createdAt.localeCompare(a.createdAt);
}

function InsightCard({ insight, onDismiss }: { insight: InsightView; onDismiss: () => void }) {
  const tone = TONE[insight.severity] ?? TONE.info;
  return (
    <li className={`flex flex-col gap-2 rounded-2xl border p-4 shadow-sm ${tone.card}`} data-testid="insight-card" data-severity={insight.severity}>
      <div className="flex items-start justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2 text-xs font-medium">
          <span className={`rounded-full px-2 py-0.5 ${tone.badge}`}>{tone.label}</span>
          <span className="text-slate-600">{typeLabel(insight.type)}</span>
        </div>
        <button
          type="button"
          onClick={onDismiss}
          aria-label={`Dismiss: ${insight.title}`}
          className="rounded-md px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-white/70 hover:text-slate-900"
        >
          Dismiss
        </button>
      </div>
      <h3 className="text-sm font-semibold text-slate-900">{insight.title}</h3>
      <p className="text-sm text-slate-700">{insight.body}</p>
    </li>
  );
}
