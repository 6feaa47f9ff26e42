"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Spinner } from "@/components/auth/auth-field";
import {
  postImportConfirm,
  fetchPreview,
  previewWithMapping,
  problemText,
  type ImportMapping,
  type ImportPreview as Preview,
  type ImportView,
  type MappingProblem,
} from "./import-api";
import { ColumnRoles } from "./column-roles";
import { describeConfidence } from "./import-format";
import { MappingSettings } from "./mapping-settings";
import { PreviewRows, PreviewSummaryLine } from "./preview-rows";
import { TablePanel } from "@/components/table-panel";

// An import awaiting confirmation: what detection found (confidence and warnings in words),
// the settings and column roles to correct, and the first rows as they would be imported.
// Every change is re-previewed by the server after a short pause (nothing is saved until
// Confirm); an invalid mapping lists its problems and Confirm waits until they are fixed.

/** Pause after the last change before asking for a new preview. */
const PREVIEW_DEBOUNCE_MS = 400;

type PreviewState =
  | { kind: "loading" }
  | { kind: "error"; message: string }
  | { kind: "ready" }
  | { kind: "updating" }
  | { kind: "invalid"; problems: string[] }
  | { kind: "failed"; message: string };

const TONE = {
  good: "border-green-200 bg-green-50 text-green-900",
  check: "border-amber-200 bg-amber-50 text-amber-900",
  unsure: "border-red-200 bg-red-50 text-red-900",
} as const;

export function ImportPreview({ imp, onConfirmed }: { imp: ImportView; onConfirmed: (answer: { jobId: string; import?: ImportView }) => void }) {
  const router = useRouter();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [dedupe, setDedupe] = useState(imp.dedupe);
  const [state, setState] = useState<PreviewState>({ kind: "loading" });
  const [confirming, setConfirming] = useState(false);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inflight = useRef<AbortController | undefined>(undefined);

  const load = useCallback(() => {
    return fetchPreview(imp.id).then((res) => {
      if (!res.ok) {
        if (res.status === 401) router.replace("/login");
        setState({ kind: "error", message: res.message });
        return;
      }
      setPreview(res.data);
      setMapping(res.data.mapping);
      setState({ kind: "ready" });
    });
  }, [imp.id, router]);

  useEffect(() => {
    void load();
    return () => {
      clearTimeout(timer.current);
      inflight.current?.abort();
    };
  }, [load]);

  async function repreview(next: ImportMapping, mine: number) {
    inflight.current?.abort();
    const controller = new AbortController();
    inflight.current = controller;
    let res;
    try {
      res = await previewWithMapping(imp.id, next, controller.signal);
    } catch {
      return; // aborted: a newer change is on its way
    }
    if (mine !== seq.current) return;
    if (res.ok) {
      setPreview(res.data);
      // The server's copy may fill in what follows from the edit (e.g. the header's names).
      setMapping(res.data.mapping ?? next);
      setState({ kind: "ready" });
      return;
    }
    if (res.status === 401) router.replace("/login");
    if (res.status === 422) {
      const problems = (res.issues?.length ? res.issues.map((p: MappingProblem) => problemText(p)) : null) ??
        (res.fields ? Object.entries(res.fields).flatMap(([k, v]) => v.map((m) => `${k}: ${m}`)) : null) ?? [res.message];
      setState({ kind: "invalid", problems: problems.length ? problems : [res.message] });
      return;
    }
    setState({ kind: "failed", message: res.message });
  }

  function change(next: ImportMapping) {
    const mine = ++seq.current;
    setMapping(next);
    setState({ kind: "updating" });
    setConfirmError(null);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void repreview(next, mine), PREVIEW_DEBOUNCE_MS);
  }

  async function confirm() {
    if (!mapping || confirming) return;
    setConfirming(true);
    setConfirmError(null);
    const res = await postImportConfirm(imp.id, { mapping, dedupe });
    if (!res.ok) {
      setConfirming(false);
      if (res.status === 401) router.replace("/login");
      const problems = res.issues?.map((p) => problemText(p));
      setConfirmError(problems?.length ? `${res.message} ${problems.join(" ")}` : res.message);
      return;
    }
    onConfirmed(res.data);
  }

  if (state.kind === "loading" || (state.kind === "error" && !preview)) {
    return state.kind === "loading" ? (
      <p className="rounded-2xl border border-slate-200 bg-white p-8 text-center text-sm text-slate-500" role="status">
        Reading the file…
      </p>
    ) : (
      <div role="alert" className="rounded-2xl border border-red-200 bg-red-50 p-6 text-sm text-red-800">
        <p>The preview couldn’t be loaded: {state.message}</p>
        <button
          type="button"
          onClick={() => {
            setState({ kind: "loading" });
            void load();
          }}
          className="mt-3 rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium hover:bg-red-50"
        >
          Try again
        </button>
      </div>
    );
  }
  if (!preview || !mapping) return null;

  const detection = preview.detection;
  const confidence = detection ? describeConfidence(detection.confidence) : null;
  // "low_confidence" says what the confidence sentence already says.
  const warnings = detection?.warnings.filter((w) => w.code !== "low_confidence") ?? [];
  const busy = state.kind === "updating";
  const blocked = state.kind === "invalid" || state.kind === "failed" || busy;

  return (
    <div className="space-y-6" data-testid="import-preview">
      {preview.templateApplied ? (
        <p className="rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-900" data-testid="template-applied">
          We applied the settings you confirmed for a file with the same columns before.
        </p>
      ) : confidence ? (
        <div className={`rounded-xl border px-4 py-3 text-sm ${TONE[confidence.tone]}`} data-testid="detection" data-tone={confidence.tone}>
          <p className="font-medium">{confidence.text}</p>
          {warnings.length > 0 ? (
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {warnings.map((w) => (
                <li key={w.code} data-code={w.code}>
                  {w.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="settings-heading" className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="settings-heading" className="mb-3 text-base font-semibold text-slate-900">
          How to read the file
        </h2>
        <MappingSettings mapping={mapping} dedupe={dedupe} onChange={change} onDedupeChange={setDedupe} />
      </section>

      <TablePanel
        headingId="columns-heading"
        title="Columns"
        description="Choose what each column means. Use either one Amount column, or Debit and Credit columns."
      >
        <ColumnRoles columns={preview.columns} mapping={mapping} onChange={change} />
      </TablePanel>

      <TablePanel
        headingId="rows-heading"
        title="Preview"
        aside={
          <p className="flex items-center gap-2 text-sm text-slate-500" role="status" data-testid="preview-state" data-state={state.kind}>
            {busy ? (
              <>
                <Spinner /> Updating the preview…
              </>
            ) : state.kind === "ready" ? (
              "As these rows will be imported"
            ) : null}
          </p>
        }
      >
        {state.kind === "invalid" ? (
          <div role="alert" className="border-b border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="mapping-problems">
            <p className="font-medium">These settings can’t read the file:</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {state.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          </div>
        ) : state.kind === "failed" ? (
          <div role="alert" className="border-b border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
            The preview couldn’t be updated: {state.message}
          </div>
        ) : null}
        <div className="border-b border-slate-100 px-4 py-3">
          <PreviewSummaryLine summary={preview.summary} />
        </div>
        <PreviewRows rows={preview.rows} stale={state.kind !== "ready"} />
      </TablePanel>

      <div className="flex flex-wrap items-center gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <button
          type="button"
          onClick={() => void confirm()}
          disabled={blocked || confirming}
          className="inline-flex items-center gap-2 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60"
          data-testid="confirm-import"
        >
          {confirming ? <Spinner /> : null}
          {confirming ? "Starting…" : "Confirm import"}
        </button>
        <p className="text-sm text-slate-600">
          {state.kind === "invalid"
            ? "Fix the settings above to import."
            : `The whole file is imported with these settings${imp.accountName ? ` into ${imp.accountName}` : ""}, and they are remembered for the next file like it.`}
        </p>
        {confirmError ? (
          <p role="alert" className="w-full rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {confirmError}
          </p>
        ) : null}
      </div>
    </div>
  );
}
