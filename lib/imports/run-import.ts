import { startCategorize } from "../categorize/run-categorization";
import { db } from "../db";
import { PermanentJobError } from "../errors";
import { CsvFileError, fingerprint, readCsvRows, surveyCsv, type ImportMapping } from "../finance/csv";
import type { Import, Prisma } from "../generated/prisma/client";
import { createNotification } from "../notifications/notifications";
import { JobCancelledError, type JobContext } from "../queue/job-context";
import { DEFAULT_ATTEMPTS } from "../queue/names";
import { dispatchSummary, recordDataChange } from "../summary/request-summary";
import { CompactOccurrenceCounter } from "./compact-occurrence-counter";
import { importPool } from "./import-db";
import { streamImportFile } from "./import-file";
import { mappingOf } from "./import-view";
import { deleteImportRows, RowBatch, RowWriter } from "./insert-rows";

// The csv-import job's domain: survey the stored file (row count, final date format), then
// stream it through the mapping and insert in large batches while the next batch is parsed.
// Idempotent: fingerprints make a re-run add nothing twice, and the counts at the end are
// recomputed from the database, so they are exact after a retry or a crash too.

/** Rows per INSERT: large enough that per-statement overhead vanishes, small enough to stay flat. */
export const IMPORT_BATCH_ROWS = 2000;

export interface ImportResult {
  importId: string;
  totalRows: number;
  importedCount: number;
  duplicateCount: number;
  skippedCount: number;
  errorCount: number;
  dateFrom: string | null;
  dateTo: string | null;
}

const number = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${number(n)} ${n === 1 ? one : many}`;

export function importTitle(r: Pick<ImportResult, "importedCount" | "duplicateCount" | "errorCount">): string {
  const parts = [
    ...(r.duplicateCount > 0 ? [`${number(r.duplicateCount)} already present`] : []),
    ...(r.errorCount > 0 ? [`${plural(r.errorCount, "row")} with errors`] : []),
  ];
  return `Imported ${plural(r.importedCount, "transaction")}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

async function loadImport(userId: string, importId: string): Promise<Import> {
  const row = await db().import.findFirst({ where: { id: importId, userId } });
  if (!row) throw new PermanentJobError(`import ${importId} is gone`);
  return row;
}

/**
 * Ends a run that imports nothing: its rows are removed (the summary follows if any were
 * there) and the import is marked failed with the reason.
 */
async function failImport(userId: string, importId: string, error: string): Promise<void> {
  const removed = await deleteImportRows(importId);
  const pending = await db().$transaction(async (tx) => {
    await tx.import.update({
      where: { id: importId },
      data: { status: "failed", error, importedCount: 0, duplicateCount: 0, completedAt: null },
    });
    return removed > 0 ? recordDataChange(tx, userId) : null;
  });
  if (pending) await dispatchSummary(pending);
}

export async function runCsvImport(userId: string, importId: string, ctx: JobContext): Promise<{ result: ImportResult; message: string }> {
  const row = await loadImport(userId, importId);
  if (row.status === "completed" || row.status === "undone") {
    // A late duplicate of a finished run: report what it did.
    const result = resultOf(row);
    return { result, message: importTitle(result) };
  }
  if (row.status !== "queued" && row.status !== "processing") {
    throw new PermanentJobError(`import ${importId} is ${row.status}, not confirmed`);
  }
  await db().import.update({ where: { id: importId }, data: { status: "processing" } });

  try {
    const result = await importRows(row, ctx);
    return await finishImport(userId, row, result, ctx);
  } catch (err) {
    if (err instanceof CsvFileError) {
      await failImport(userId, importId, err.message);
      await ctx.log("warning", `file refused: ${err.message}`);
      throw new PermanentJobError(err.message);
    }
    if (err instanceof JobCancelledError) {
      await failImport(userId, importId, "Cancelled: nothing was imported.");
      throw err;
    }
    // Transient (the database went away…): retried by Bull. On the last attempt the import
    // must not stay "processing" forever.
    if (ctx.attempt >= DEFAULT_ATTEMPTS || err instanceof PermanentJobError) {
      await failImport(userId, importId, `The import failed: ${(err as Error).message}`).catch(() => undefined);
    }
    throw err;
  }
}

function resultOf(row: Import): ImportResult {
  return {
    importId: row.id,
    totalRows: row.totalRows ?? 0,
    importedCount: row.importedCount,
    duplicateCount: row.duplicateCount,
    skippedCount: row.skippedCount,
    errorCount: row.errorCount,
    dateFrom: row.dateFrom?.toISOString().slice(0, 10) ?? null,
    dateTo: row.dateTo?.toISOString().slice(0, 10) ?? null,
  };
}

async function importRows(row: Import, ctx: JobContext): Promise<ImportResult> {
  const importId = row.id;
  await ctx.progress(0, "Checking the file…");
  const survey = await surveyCsv(streamImportFile(importId), mappingOf(row));
  const mapping: ImportMapping = survey.mapping;
  const total = survey.dataRows;
  await db().import.update({
    where: { id: importId },
    data: { mapping: mapping as unknown as Prisma.InputJsonValue, totalRows: total },
  });
  for (const w of survey.warnings) await ctx.log("info", w.message);

  // Without dedupe, fingerprints are scoped to this import: other imports never match, but a
  // retry of this one still does.
  const scope = row.dedupe ? (row.accountId ?? "") : `import:${importId}:${row.accountId ?? ""}`;
  const writer = new RowWriter({ userId: row.userId, importId, accountId: row.accountId });
  const counter = new CompactOccurrenceCounter();
  const counts = { processed: 0, rows: 0, imported: 0, skipped: 0, errors: 0 };
  let dateFrom: string | null = null;
  let dateTo: string | null = null;
  const step = Math.max(1, Math.floor(total / 100));
  let nextReport = step;

  // Pipeline: while one batch is being inserted, the next one is parsed.
  let inflight: Promise<void> | null = null;
  let batch = new RowBatch();
  const send = async () => {
    if (inflight) await inflight;
    const sending = batch;
    batch = new RowBatch();
    inflight = writer.write(sending).then((n) => {
      counts.imported += n;
    });
    inflight.catch(() => undefined);
    await ctx.throwIfCancelled();
    if (counts.processed >= nextReport) {
      nextReport = counts.processed + step;
      await report();
    }
  };
  const report = async () => {
    await ctx.progress(
      total > 0 ? (Math.min(counts.processed, total) / total) * 100 : 0,
      `Imported ${number(Math.min(counts.processed, total))} of ${number(total)} rows…`,
    );
    await importPool().query(
      `UPDATE "Import" SET "processedRows" = $2, "importedCount" = $3, "duplicateCount" = $4, "skippedCount" = $5,
              "errorCount" = $6, "updatedAt" = now() WHERE id = $1`,
      [importId, Math.min(counts.processed, total), counts.imported, Math.max(0, counts.rows - counts.imported), counts.skipped, counts.errors],
    );
  };

  try {
    for await (const result of readCsvRows(streamImportFile(importId), mapping)) {
      counts.processed++;
      if (result.row) {
        const r = result.row;
        const occurrence = counter.next(r);
        const fp = fingerprint({ userId: row.userId, accountId: scope, date: r.date, amountMinor: r.amountMinor, description: r.description, occurrence });
        // Deterministic and increasing within the import: a re-run writes the same ids.
        batch.addRow(`${importId}_${r.line.toString(36).padStart(6, "0")}`, r, fp);
        counts.rows++;
        if (dateFrom === null || r.date < dateFrom) dateFrom = r.date;
        if (dateTo === null || r.date > dateTo) dateTo = r.date;
      } else {
        batch.addIssue(result.issue);
        if (result.issue.kind === "error") {
          counts.errors++;
          ctx.itemFailed(`line ${result.issue.line}`, result.issue.reason);
        } else {
          counts.skipped++;
        }
      }
      if (batch.size >= IMPORT_BATCH_ROWS) await send();
    }
    await send();
    await inflight;
  } catch (err) {
    // Never leave an insert running behind a failure: its rows must be in before they are removed.
    await (inflight as Promise<void> | null)?.catch(() => undefined);
    throw err;
  }
  ctx.itemDone(counts.rows);

  // Exact counts, also after a retry: what the database holds for this import.
  const { rows } = await importPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Transaction" WHERE "importId" = $1`, [importId]);
  const importedCount = Number(rows[0].n);
  return {
    importId,
    totalRows: total,
    importedCount,
    duplicateCount: Math.max(0, counts.rows - importedCount),
    skippedCount: counts.skipped,
    errorCount: counts.errors,
    dateFrom,
    dateTo,
  };
}

async function finishImport(userId: string, row: Import, result: ImportResult, ctx: JobContext) {
  const pending = await db().$transaction(async (tx) => {
    await tx.import.update({
      where: { id: row.id },
      data: {
        status: "completed",
        error: null,
        processedRows: result.totalRows,
        importedCount: result.importedCount,
        duplicateCount: result.duplicateCount,
        skippedCount: result.skippedCount,
        errorCount: result.errorCount,
        dateFrom: result.dateFrom ? new Date(`${result.dateFrom}T00:00:00Z`) : null,
        dateTo: result.dateTo ? new Date(`${result.dateTo}T00:00:00Z`) : null,
        completedAt: new Date(),
      },
    });
    return result.importedCount > 0 ? recordDataChange(tx, userId) : null;
  });
  if (pending) await dispatchSummary(pending);
  if (result.importedCount > 0) {
    await startCategorize(userId, { kind: "classification", importId: row.id, limit: Math.min(result.importedCount, 10_000) });
  }
  const title = importTitle(result);
  await createNotification({ userId, kind: "import_completed", title, link: `/dashboard/imports/${row.id}`, jobId: ctx.jobId });
  await ctx.log("info", `${row.fileName}: ${title} (${number(result.skippedCount)} skipped)`);
  return { result, message: title };
}
