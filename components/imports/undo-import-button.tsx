"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { ConfirmActions, ConfirmDialog, type ConfirmOutcome } from "@/components/confirm-actions";
import { JobProgress } from "@/components/job-progress";
import { announceJobFinished } from "@/components/jobs/use-job-status";
import type { JobView } from "@/lib/queue/job-view";
import { undoImport, type ImportView } from "./import-api";
import { plural } from "./import-format";

// Undo a completed import: a confirm step (it removes exactly the rows the import added), then
// the undo job's progress. `onDone` lets the caller re-read the import.

export function UndoImport({
  imp,
  onDone,
  compact = false,
}: {
  imp: Pick<ImportView, "id" | "fileName" | "importedCount">;
  onDone: (job: JobView) => void;
  /** In a table row: smaller buttons, the text on one line. */
  compact?: boolean;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "confirm" | "running">("idle");
  const [jobId, setJobId] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (mode === "confirm") cancelRef.current?.focus();
    else if (mode === "idle" && returnFocus.current) {
      returnFocus.current = false;
      undoRef.current?.focus();
    }
  }, [mode]);

  async function confirm(): Promise<ConfirmOutcome> {
    const res = await undoImport(imp.id);
    if (!res.ok) {
      if (res.status === 401) router.replace("/login");
      return { ok: false, message: res.message };
    }
    setJobId(res.data.jobId);
    setMode("running");
    return { ok: true };
  }

  if (mode === "running" && jobId) {
    return (
      <div className="min-w-[12rem]" data-testid="undo-progress">
        <JobProgress
          jobId={jobId}
          label="Undo"
          onDone={(job) => {
            announceJobFinished(job);
            onDone(job);
          }}
        />
      </div>
    );
  }

  if (mode === "confirm") {
    return (
      <ConfirmDialog
        id={`undo-${imp.id}`}
        question={<>Remove the {plural(imp.importedCount, "transaction", "transactions")} “{imp.fileName}” added?</>}
        className="flex flex-wrap items-center gap-2"
        testId="undo-confirm"
      >
        <ConfirmActions
          label="Undo import"
          pendingLabel="Undoing…"
          onConfirm={confirm}
          onCancel={() => {
            returnFocus.current = true;
            setMode("idle");
          }}
          cancelRef={cancelRef}
          compact={compact}
          className="contents"
        />
      </ConfirmDialog>
    );
  }

  return (
    <button
      ref={undoRef}
      type="button"
      onClick={() => setMode("confirm")}
      className={`rounded-lg border border-slate-300 bg-white ${compact ? "px-2.5 py-1" : "px-3 py-1.5"} text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50`}
      data-testid="undo-button"
    >
      Undo<span className="sr-only"> import of {imp.fileName}</span>
    </button>
  );
}
