import { formatDayLabel } from "@/components/dashboard/dashboard-format";
import type { ImportStatus, ImportView } from "./import-api";

// Words for imports: status labels, counts, the result sentence and detection confidence.

export const IMPORT_STATUS_LABEL: Record<ImportStatus, string> = {
  awaiting_confirmation: "Needs review",
  queued: "Queued",
  processing: "Importing",
  completed: "Completed",
  failed: "Failed",
  undone: "Undone",
};

/** The job is queued or running: counts still move. */
export function isActiveImport(status: ImportStatus): boolean {
  return status === "queued" || status === "processing";
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

type ImportCounts = Pick<ImportView, "status" | "totalRows" | "importedCount" | "duplicateCount" | "skippedCount" | "errorCount">;

/**
 * Skipped as stored also counts lines that are not data rows at all (a statement's preamble
 * above the header, blank lines). Once an import is over its total is exact, and the data rows
 * skipped and those other lines can be told apart: imported + already present + skipped rows
 * + errors = the rows read. Everywhere a count is shown says "skipped" of the same thing.
 */
export function skippedApart(i: ImportCounts): { rows: number; otherLines: number } {
  const over = i.status === "completed" || i.status === "undone" || i.status === "failed";
  const accounted = i.importedCount + i.duplicateCount + i.skippedCount + i.errorCount;
  const otherLines = over && i.totalRows !== null ? Math.min(i.skippedCount, Math.max(0, accounted - i.totalRows)) : 0;
  return { rows: i.skippedCount - otherLines, otherLines };
}

/** "Imported 4,980 transactions: 20 already present, 3 rows with errors" (skipped rows when any). */
export function describeImportResult(i: ImportCounts): string {
  const skipped = skippedApart(i).rows;
  const parts = [`${formatCount(i.duplicateCount)} already present`];
  if (skipped > 0) parts.push(`${plural(skipped, "row", "rows")} skipped`);
  parts.push(`${plural(i.errorCount, "row", "rows")} with errors`);
  return `Imported ${plural(i.importedCount, "transaction", "transactions")}: ${parts.join(", ")}`;
}

/** "Mar 2, 2026 – Mar 9, 2026", one day, or "—". */
export function formatDateRange(from: string | null, to: string | null): string {
  if (!from && !to) return "—";
  if (!from || !to || from === to) return formatDayLabel((from ?? to)!);
  return `${formatDayLabel(from)} – ${formatDayLabel(to)}`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const DATE_TIME = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" });

export function formatWhen(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME.format(d);
}

/** Detection confidence (0..1) in words, with a tone for the callout. */
export function describeConfidence(confidence: number): { tone: "good" | "check" | "unsure"; text: string } {
  const pct = Math.round(confidence * 100);
  if (confidence >= 0.95) return { tone: "good", text: `We recognised this file’s layout (${pct}% confidence). Check the rows below and confirm.` };
  if (confidence >= 0.8)
    return { tone: "check", text: `We probably read this file right (${pct}% confidence), but made a guess: see the notes below.` };
  return {
    tone: "unsure",
    text: `We’re not sure we read this file right (${pct}% confidence). Check the columns and formats before importing.`,
  };
}
