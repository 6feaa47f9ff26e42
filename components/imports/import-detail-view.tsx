"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { JobProgressView } from "@/components/job-progress";
import { FORMAT_LABELS } from "@/lib/finance/statements/detect-format";
import { announceJobFinished, isFinalJobStatus, useJobStatus } from "@/components/jobs/use-job-status";
import type { ImportView } from "./import-api";
import { BalanceCheckPanel } from "./balance-check";
import { describeImportResult, formatCount, formatDateRange, formatFileSize, formatWhen, skippedApart } from "./import-format";
import { ImportIssues } from "./import-issues-panel";
import { ImportPreview } from "./import-preview";
import { ImportStatusBadge } from "./import-status-badge";
import { UndoImport } from "./undo-import-button";
import { useImport } from "./use-import";

// One import, by status: the preview to check and confirm; the job's progress with its
// counts; the result with the rows not imported and Undo; a failure in words; or undone.

export function ImportDetailView({ importId }: { importId: string }) {
  const router = useRouter();
  const { imp, state, error, refresh, set } = useImport(importId);

  useEffect(() => {
    if (state === "unauthorized") router.replace("/login");
  }, [state, router]);

  if (state === "loading" || state === "unauthorized") {
    return (
      <Shell>
        <p className="rounded-2xl border border-slate-200 bg-white p-8 text-center text-sm text-slate-500" role="status">
          Loading the import…
        </p>
      </Shell>
    );
  }
  if (state === "missing") {
    return (
      <Shell>
        <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="import-missing">
          <p className="text-sm font-medium text-slate-900">This import doesn’t exist</p>
          <p className="mt-1 text-sm text-slate-600">It may have been deleted, or the link is wrong.</p>
        </div>
      </Shell>
    );
  }
  if (state === "error" || !imp) {
    return (
      <Shell>
        <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
          <p>We couldn’t load this import{error ? `: ${error}` : "."}</p>
          <button type="button" onClick={() => void refresh()} className="mt-3 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium hover:bg-red-50">
            Try again
          </button>
        </div>
      </Shell>
    );
  }

  return (
    <Shell imp={imp}>
      {imp.status === "awaiting_confirmation" ? (
        <ImportPreview
          imp={imp}
          onConfirmed={(answer) => {
            set(answer.import ? { ...answer.import, jobId: answer.import.jobId ?? answer.jobId } : { ...imp, status: "queued", jobId: answer.jobId });
            void refresh();
          }}
        />
      ) : imp.status === "queued" || imp.status === "processing" ? (
        <ImportProgress imp={imp} onFinished={() => void refresh()} />
      ) : imp.status === "failed" ? (
        <ImportFailed
          imp={imp}
          onConfirmed={(answer) => {
            set(answer.import ? { ...answer.import, jobId: answer.import.jobId ?? answer.jobId } : { ...imp, status: "queued", jobId: answer.jobId });
            void refresh();
          }}
        />
      ) : (
        <ImportResult imp={imp} onUndone={() => void refresh()} />
      )}
      {imp.status === "completed" || imp.status === "undone" || (imp.status === "failed" && imp.errorCount + imp.skippedCount > 0) ? (
        <ImportIssues importId={imp.id} errorCount={imp.errorCount} skippedCount={imp.skippedCount} />
      ) : null}
    </Shell>
  );
}

function Shell({ imp, children }: { imp?: ImportView; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <div>
        <Link href="/dashboard/imports" className="text-sm font-medium text-indigo-700 hover:text-indigo-900">
          ← All imports
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="break-all text-2xl font-semibold tracking-tight text-slate-900" data-testid="import-title">
            {imp ? imp.fileName : "Import"}
          </h1>
          {imp ? <ImportStatusBadge status={imp.status} /> : null}
        </div>
        {imp ? (
          <p className="mt-1 text-sm text-slate-600">
            {FORMAT_LABELS[imp.format as keyof typeof FORMAT_LABELS] ?? imp.format} · {formatFileSize(imp.fileSize)} · uploaded {formatWhen(imp.createdAt)}
            {imp.accounts?.length > 1
              ? ` · ${imp.accounts.length} accounts: ${imp.accounts.map((a) => a.name).join(", ")}`
              : imp.accountName
                ? ` · ${imp.accountName}`
                : ""}
            {imp.dedupe ? "" : " · duplicates not skipped"}
          </p>
        ) : null}
      </div>
      {children}
    </div>
  );
}

interface Counts {
  processed: number;
  total: number | null;
  imported: number;
  duplicates: number;
  skipped: number;
  errors: number;
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The counts as far as they are known: the job's live result when it carries them, else the import's. */
function liveCounts(imp: ImportView, result: unknown): Counts {
  const r = (result && typeof result === "object" ? result : {}) as Record<string, unknown>;
  const pick = (live: unknown, stored: number) => Math.max(num(live) ?? 0, stored);
  return {
    processed: pick(r.processed, imp.processedRows),
    total: num(r.total) ?? imp.totalRows,
    imported: pick(r.imported, imp.importedCount),
    duplicates: pick(r.duplicates ?? r.duplicateCount, imp.duplicateCount),
    skipped: pick(r.skipped, imp.skippedCount),
    errors: pick(r.errors, imp.errorCount),
  };
}

/**
 * The counts, adding up: the file's data rows are imported + already present + skipped +
 * errors. Skipped as stored also counts lines that are not data rows at all (a statement's
 * preamble above the header, blank lines): those are told apart in words, once known.
 */
function CountList({ counts, final = false }: { counts: Counts; final?: boolean }) {
  const { rows: skippedRows, otherLines: layout } = skippedApart({
    status: final ? "completed" : "processing",
    totalRows: counts.total,
    importedCount: counts.imported,
    duplicateCount: counts.duplicates,
    skippedCount: counts.skipped,
    errorCount: counts.errors,
  });
  const items: { label: string; value: string; testId: string; tone?: string }[] = [
    {
      label: "Rows read",
      value: counts.total !== null ? `${formatCount(counts.processed)} of ${formatCount(counts.total)}` : formatCount(counts.processed),
      testId: "count-processed",
    },
    { label: "Imported", value: formatCount(counts.imported), testId: "count-imported", tone: "text-green-800" },
    { label: "Already present", value: formatCount(counts.duplicates), testId: "count-duplicates" },
    { label: "Skipped", value: formatCount(skippedRows), testId: "count-skipped" },
    { label: "Errors", value: formatCount(counts.errors), testId: "count-errors", tone: counts.errors > 0 ? "text-red-700" : undefined },
  ];
  const rows = (n: number) => `${formatCount(n)} row${n === 1 ? "" : "s"}`;
  return (
    <div className="space-y-2">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="import-counts">
        {items.map((i) => (
          <div key={i.label} className="rounded-xl bg-slate-50 px-3 py-2">
            <dt className="text-xs text-slate-500">{i.label}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${i.tone ?? "text-slate-900"}`} data-testid={i.testId}>
              {i.value}
            </dd>
          </div>
        ))}
      </dl>
      {final && counts.total !== null ? (
        <p className="text-sm text-slate-600" data-testid="count-words">
          Of {rows(counts.total)} in the file, {formatCount(counts.imported)} imported, {formatCount(counts.duplicates)} already present,{" "}
          {formatCount(skippedRows)} skipped and {formatCount(counts.errors)} with errors.
          {layout > 0
            ? ` ${formatCount(layout)} more line${layout === 1 ? " was" : "s were"} not transactions (the statement’s header lines or blank lines) and ${layout === 1 ? "was" : "were"} passed over.`
            : null}
        </p>
      ) : null}
    </div>
  );
}

function ImportProgress({ imp, onFinished }: { imp: ImportView; onFinished: () => void }) {
  const job = useJobStatus(imp.jobId);
  const handled = useRef<string | null>(null);

  useEffect(() => {
    const finished = job.job;
    if (!finished || !isFinalJobStatus(finished.status) || handled.current === finished.id) return;
    handled.current = finished.id;
    announceJobFinished(finished);
    onFinished();
  }, [job.job, onFinished]);

  // The job ends a moment before the import row says so: until then it shows as running at 100 %.
  const jobDone = job.status === "completed";
  const status = job.status === null ? (imp.status === "processing" ? "running" : "pending") : jobDone ? "running" : job.status;
  return (
    <section aria-labelledby="progress-heading" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="import-progress">
      <h2 id="progress-heading" className="text-base font-semibold text-slate-900">
        Importing…
      </h2>
      <JobProgressView
        status={status}
        progress={jobDone ? 100 : job.progress}
        message={jobDone ? "Finishing…" : (job.message ?? (status === "running" ? "Importing rows…" : null))}
        error={job.error}
      />
      <CountList counts={liveCounts(imp, job.result)} />
      <p className="text-xs text-slate-500">You can leave this page: the import carries on, and you’ll get a notification when it’s done.</p>
    </section>
  );
}

function ImportFailed({ imp, onConfirmed }: { imp: ImportView; onConfirmed: (answer: { jobId: string; import?: ImportView }) => void }) {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-5 text-sm text-red-900" data-testid="import-failed">
        <p className="font-semibold">This import failed: nothing from the file was imported.</p>
        <p className="mt-1">{imp.error ?? "The import job stopped with an error."}</p>
        {!editing ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={() => setEditing(true)}
              className="rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium text-red-900 hover:bg-red-50"
            >
              Change the settings and try again
            </button>
            <Link href="/dashboard/imports" className="font-medium underline underline-offset-2">
              Upload a corrected file
            </Link>
          </div>
        ) : null}
      </div>
      {editing ? <ImportPreview imp={imp} onConfirmed={onConfirmed} /> : null}
    </>
  );
}

function ImportResult({ imp, onUndone }: { imp: ImportView; onUndone: () => void }) {
  const undone = imp.status === "undone";
  return (
    <section aria-labelledby="result-heading" className="space-y-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="import-result">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="result-heading" className="text-base font-semibold text-slate-900">
            {undone ? "Undone" : "Import complete"}
          </h2>
          <p className={`mt-1 text-sm ${undone ? "text-slate-600" : "text-green-800"}`} data-testid="import-result-text" role="status">
            {undone
              ? `Undone ${formatWhen(imp.undoneAt)}: the ${formatCount(imp.importedCount)} transactions this import added were removed.`
              : `${describeImportResult(imp)}.`}
          </p>
          {imp.dateFrom || imp.dateTo ? <p className="mt-0.5 text-sm text-slate-600">Dates {formatDateRange(imp.dateFrom, imp.dateTo)}</p> : null}
        </div>
        {/* Nothing to take back from an import that added nothing. */}
        {!undone && imp.importedCount > 0 ? <UndoImport imp={imp} onDone={onUndone} /> : null}
      </div>
      {!undone ? <BalanceCheckPanel check={imp.balanceCheck} accountName={imp.accountName} accounts={imp.accounts} /> : null}
      <CountList
        counts={{
          processed: imp.processedRows,
          total: imp.totalRows,
          imported: imp.importedCount,
          duplicates: imp.duplicateCount,
          skipped: imp.skippedCount,
          errors: imp.errorCount,
        }}
        final
      />
      <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <Link href="/dashboard/transactions" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          See your transactions
        </Link>
        <Link href="/dashboard" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Go to the dashboard
        </Link>
        <Link href="/dashboard/imports" className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900">
          Import another file
        </Link>
      </p>
    </section>
  );
}
