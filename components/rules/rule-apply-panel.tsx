"use client";

import { useState } from "react";
import { JobProgress } from "@/components/job-progress";
import { announceJobFinished } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";
import { postApplicationUndo, type RuleApplication } from "./rule-api";

// A rule being applied to existing transactions: the job's progress, then what it changed and
// an Undo that puts back exactly the categories it replaced (the undo is a job too).

export interface ApplyRun {
  application: RuleApplication;
  jobId: string;
}

function changedText(result: unknown): string | null {
  const r = result as { changed?: unknown; restored?: unknown; keptChanged?: unknown } | null;
  if (r && typeof r.changed === "number") return `Changed the category of ${r.changed.toLocaleString("en-US")} transaction${r.changed === 1 ? "" : "s"}.`;
  if (r && typeof r.restored === "number") {
    const kept = typeof r.keptChanged === "number" && r.keptChanged > 0 ? ` ${r.keptChanged.toLocaleString("en-US")} you changed since were left as they are.` : "";
    return `Restored the earlier category of ${r.restored.toLocaleString("en-US")} transaction${r.restored === 1 ? "" : "s"}.${kept}`;
  }
  return null;
}

export function RuleApplyPanel({ run, onDismiss }: { run: ApplyRun; onDismiss: () => void }) {
  const [phase, setPhase] = useState<"apply" | "undo">("apply");
  const [jobId, setJobId] = useState(run.jobId);
  const [finished, setFinished] = useState<JobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function undo() {
    setPending(true);
    setError(null);
    const res = await postApplicationUndo(run.application.id);
    setPending(false);
    if (!res.ok) {
      setError(res.message);
      return;
    }
    setPhase("undo");
    setFinished(null);
    setJobId(res.data.jobId);
  }

  const canUndo = phase === "apply" && finished?.status === "completed" && (finished.result as { changed?: number } | null)?.changed !== 0;
  return (
    <section
      aria-label="Applying a rule to existing transactions"
      className="rounded-2xl border border-indigo-200 bg-indigo-50/60 p-4 shadow-sm"
      data-testid="rule-apply-panel"
      data-phase={phase}
    >
      <p className="mb-2 text-sm font-medium text-slate-900">
        {phase === "apply" ? "Applying" : "Undoing"}: <span className="font-normal">{run.application.ruleText}</span>
      </p>
      <JobProgress
        key={jobId}
        jobId={jobId}
        label={phase === "apply" ? "Re-categorizing" : "Restoring"}
        renderResult={changedText}
        onDone={(job) => {
          announceJobFinished(job);
          setFinished(job);
        }}
      />
      <div className="mt-3 flex flex-wrap items-center gap-2">
        {canUndo ? (
          <button
            type="button"
            onClick={() => void undo()}
            disabled={pending}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
          >
            {pending ? "Starting undo…" : "Undo"}
          </button>
        ) : null}
        {finished ? (
          <button type="button" onClick={onDismiss} className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100">
            Dismiss
          </button>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </div>
    </section>
  );
}
