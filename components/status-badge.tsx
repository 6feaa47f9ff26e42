// A status as a pill: its colour says how it stands, a pulsing dot that it is under way.

export type StatusTone = "neutral" | "active" | "done" | "failed" | "attention" | "muted";

const TONE_STYLE: Record<StatusTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  active: "bg-indigo-50 text-indigo-700 ring-indigo-200",
  done: "bg-green-50 text-green-800 ring-green-200",
  failed: "bg-red-50 text-red-800 ring-red-200",
  attention: "bg-amber-50 text-amber-800 ring-amber-200",
  muted: "bg-slate-100 text-slate-600 ring-slate-200",
};

export function StatusBadge({ tone, label, testId, status }: { tone: StatusTone | undefined; label: string; testId?: string; status?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_STYLE[tone ?? "neutral"]}`}
      data-testid={testId}
      data-status={status}
    >
      {tone === "active" ? <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-indigo-600" /> : null}
      {label}
    </span>
  );
}
