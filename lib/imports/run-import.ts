import { defaultAccountId } from "../accounts/accounts";
import { db } from "../db";
import { PermanentJobError } from "../errors";
import {
  CsvFileError,
  fingerprintNormalized,
  headSettlesDateFormat,
  canonicalDescription,
  readCsvRows,
  SkipTally,
  surveyCsv,
  type ImportMapping,
} from "../finance/csv";
import type { Import, Prisma } from "../generated/prisma/client";
import { createNotification } from "../notifications/notifications";
import { JobCancelledError, type JobContext } from "../queue/job-context";
import { DEFAULT_ATTEMPTS } from "../queue/job-options";
import { datesOf, dispatchTransactionFollowUps, recordTransactionChange } from "../transactions/record-transaction-change";
import { CompactOccurrenceCounter } from "./compact-occurrence-counter";
import { importPool } from "../db";
import { readImportHead, streamImportFile } from "./import-file";
import { mappingOf } from "./import-view";
import { deleteImportRows, RowBatch, RowWriter } from "./insert-rows";
import { PREVIEW_HEAD_BYTES } from "./preview-import";
import { openStatementImport, type ImportReadResult } from "./statement-import";
import { CsvBalanceProof } from "./csv-balance-proof";
import { recordImportAccounts } from "./import-accounts";
import { StatementFileError } from "../finance/statements";
import { currencyDigits } from "../finance/money";
import { emitWebhookEvent } from "../webhooks/emit-event";

// The csv-import job's domain: settle the date format (from the file's start when it can, else
// by surveying every row), then stream the stored file through the mapping and insert in large batches while the next batch is parsed.
// Idempotent: fingerprints make a re-run add nothing twice, and the counts at the end are
// recomputed from the database, so they are exact after a retry or a crash too.

/** Rows per INSERT: large enough that per-statement overhead vanishes, small enough to stay flat. */
export const IMPORT_BATCH_ROWS = 2000;

/**
 * Batches being inserted at once (each on its own pool connection) while the next is parsed.
 * When Postgres is the slower side (indexes, foreign-key checks, the conflict check; a busy
 * machine) a second backend keeps inserting while the parser waits for the first; when the
 * parser is the slower side it changes nothing (bench/RESULTS.md). Order does not matter:
 * fingerprints and ids are fixed per row, and the counts are recomputed at the end.
 */
export const IMPORT_INSERTS_IN_FLIGHT = 2;

export interface ImportResult {
  importId: string;
  totalRows: number;
  importedCount: number;
  duplicateCount: number;
  skippedCount: number;
  /** The skipped rows by kind, e.g. "pending transaction: 3, section heading: 2" ("" when unknown). */
  skippedKinds: string;
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
  const followUps = await db().$transaction(async (tx) => {
    await tx.import.update({
      where: { id: importId },
      data: { status: "failed", error, importedCount: 0, duplicateCount: 0, completedAt: null },
    });
    return removed > 0 ? recordTransactionChange(tx, userId, { budgets: "none" }) : null;
  });
  await dispatchTransactionFollowUps(followUps);
  await emitWebhookEvent(undefined, userId, "import.failed", { importId, status: "failed", error });
}

/**
 * The csv-import job failed for good where the run could not mark it (a fault before the run
 * began, a worker killed on the last attempt, a stalled job): an import still queued or
 * processing is marked failed, so its page and history stop saying it is on its way.
 */
export async function failUnfinishedImport(userId: string, importId: string, error: string): Promise<void> {
  const row = await db().import.findFirst({ where: { id: importId, userId }, select: { status: true } });
  if (row?.status === "queued" || row?.status === "processing") await failImport(userId, importId, `The import failed: ${error}`);
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
    if (err instanceof CsvFileError || err instanceof StatementFileError) {
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

/** A running-balance column makes the file a statement the account can be proved against. */
function hasBalanceColumn(mapping: ImportMapping): boolean {
  return mapping.columns.includes("balance");
}

function resultOf(row: Import): ImportResult {
  return {
    importId: row.id,
    totalRows: row.totalRows ?? 0,
    importedCount: row.importedCount,
    duplicateCount: row.duplicateCount,
    skippedCount: row.skippedCount,
    skippedKinds: "",
    errorCount: row.errorCount,
    dateFrom: row.dateFrom?.toISOString().slice(0, 10) ?? null,
    dateTo: row.dateTo?.toISOString().slice(0, 10) ?? null,
  };
}

/**
 * The mapping to read with, and the number of data rows when a survey pass counted them. The
 * survey re-resolves the date format over every row; it is skipped when the start of the file
 * already settles the format (year first, a month name, or a day over 12 seen: see
 * headSettlesDateFormat), and kept when every date so far could be read either way, so a
 * file whose first rows all have day <= 12 is never misread.
 */
async function settleMapping(row: Import, ctx: JobContext): Promise<{ mapping: ImportMapping; total: number | null }> {
  const confirmed = mappingOf(row);
  const head = await readImportHead(row.id, PREVIEW_HEAD_BYTES);
  if (head && (await headSettlesDateFormat([completeLines(head, row.fileSize <= PREVIEW_HEAD_BYTES, confirmed)], confirmed))) {
    return { mapping: confirmed, total: null };
  }
  await ctx.progress(0, "Checking the dates over the whole file…");
  const survey = await surveyCsv(streamImportFile(row.id), confirmed);
  for (const w of survey.warnings) await ctx.log("info", w.message);
  return { mapping: survey.mapping, total: survey.dataRows };
}

/** The head cut after its last complete line (or code unit pair), unless it is the whole file. */
function completeLines(head: Uint8Array, complete: boolean, mapping: ImportMapping): Uint8Array {
  if (complete) return head;
  if (mapping.encoding === "utf-16le" || mapping.encoding === "utf-16be") return head.subarray(0, head.length - (head.length % 2));
  const lastNewline = head.lastIndexOf(0x0a);
  return lastNewline > 0 ? head.subarray(0, lastNewline + 1) : head;
}

async function importRows(row: Import, ctx: JobContext): Promise<ImportResult> {
  const importId = row.id;
  await ctx.progress(0, "Reading the file…");
  // Statement formats (OFX, QIF, CAMT.053, MT940) have no mapping to settle: see statement-import.ts.
  const isCsv = row.format === "csv";
  const settled = isCsv ? await settleMapping(row, ctx) : { mapping: mappingOf(row), total: null };
  // Amounts are read with the decimals of the account's currency (JPY 0, BHD 3).
  const currency = row.accountId ? (await db().financialAccount.findUnique({ where: { id: row.accountId }, select: { currency: true } }))?.currency : null;
  const mapping = { ...settled.mapping, currencyDigits: currencyDigits(currency) };
  await db().import.update({
    where: { id: importId },
    data: { mapping: mapping as unknown as Prisma.InputJsonValue, totalRows: settled.total },
  });

  // Without dedupe, fingerprints are scoped to this import: other imports never match, but a
  // retry of this one still does.
  const scope = row.dedupe ? (row.accountId ?? "") : `import:${importId}:${row.accountId ?? ""}`;
  // Every transaction belongs to an account: a CSV uploaded without one (no account given and no
  // earlier file with its columns, see upload-import.ts) goes to the default account, its
  // fingerprint scope staying "" as above, so it dedupes against the same file put in an account.
  // A statement file's rows carry their own accounts (the default one only when the file names none).
  const targetAccount = row.accountId ?? (isCsv ? await defaultAccountId(db(), row.userId) : null);
  // Into an account with dedupe on, rows the user imported before without an account count as
  // already present too (the same file uploaded first with "No account", then into the account).
  const alsoUnassigned = isCsv && row.dedupe && row.accountId !== null;
  const writer = new RowWriter({ userId: row.userId, importId, accountId: targetAccount, format: row.format });
  if (targetAccount) await writer.prepareAccount(targetAccount);
  const statement = isCsv ? null : openStatementImport(row, writer, () => defaultAccountId(db(), row.userId));
  const accountCurrency = isCsv && targetAccount ? ((await db().financialAccount.findUnique({ where: { id: targetAccount }, select: { currency: true } }))?.currency ?? null) : null;
  const csvProof = targetAccount && isCsv && hasBalanceColumn(mapping) ? await CsvBalanceProof.start(row, targetAccount) : null;
  const counter = new CompactOccurrenceCounter();
  // dataRows: rows, row errors and skipped rows (not the preamble or blank lines).
  const counts = { dataRows: 0, rows: 0, imported: 0, skipped: 0, errors: 0 };
  const skippedKinds = new SkipTally();
  let dateFrom: string | null = null;
  let dateTo: string | null = null;

  // Progress by the bytes read of the file's known size; the total is the survey's count, or
  // estimated from the rows per byte so far (and exact at the end).
  const fileSize = Math.max(1, row.fileSize);
  let bytesRead = 0;
  const step = Math.max(1, Math.floor(fileSize / 100));
  let nextReport = step;
  const source = (async function* () {
    for await (const chunk of streamImportFile(importId)) {
      bytesRead += chunk.length;
      yield chunk;
    }
  })();
  const estimatedTotal = () =>
    settled.total ?? Math.max(counts.dataRows, Math.round((counts.dataRows * fileSize) / Math.max(1, bytesRead)));

  // Pipeline: while batches are being inserted, the next one is parsed.
  const inflight: Promise<void>[] = [];
  let batch = new RowBatch();
  const send = async () => {
    if (inflight.length >= IMPORT_INSERTS_IN_FLIGHT) await inflight.shift();
    const sending = batch;
    batch = new RowBatch();
    const writing = writer.write(sending).then((n) => {
      counts.imported += n;
    });
    writing.catch(() => undefined);
    inflight.push(writing);
    await ctx.throwIfCancelled();
    if (bytesRead >= nextReport) {
      nextReport = bytesRead + step;
      await report();
    }
  };
  const report = async () => {
    const total = estimatedTotal();
    const processed = Math.min(counts.dataRows, total);
    await ctx.progress(
      Math.min(99, (bytesRead / fileSize) * 100),
      `Imported ${number(processed)} of ${settled.total === null ? "about " : ""}${number(total)} rows…`,
    );
    await importPool().query(
      `UPDATE "Import" SET "processedRows" = $2, "totalRows" = $3, "importedCount" = $4, "duplicateCount" = $5,
              "skippedCount" = $6, "errorCount" = $7, "updatedAt" = now() WHERE id = $1`,
      [importId, processed, total, counts.imported, Math.max(0, counts.rows - counts.imported), counts.skipped, counts.errors],
    );
  };

  try {
    const results: AsyncIterable<ImportReadResult> = statement ? statement.read(source) : readCsvRows(source, mapping);
    for await (let result of results) {
      if (result.row && result.row.currency && accountCurrency && result.row.currency !== accountCurrency) {
        // Amounts of different currencies are never added: a row in another currency than the
        // account's is reported, not imported.
        const line = result.row.line;
        result = {
          line,
          issue: {
            line,
            kind: "error",
            reason: `the row is in ${result.row.currency} but the account is in ${accountCurrency}: not imported (import it into an account in ${result.row.currency})`,
          },
        };
      }
      if (result.row) {
        counts.dataRows++;
        const r = result.row;
        let fp = result.fingerprint;
        let unassigned: string | null = null;
        if (fp === undefined) {
          const normalized = canonicalDescription(r.description);
          const occurrence = counter.nextNormalized(r.date, r.amountMinor, normalized);
          const identity = { userId: row.userId, date: r.date, amountMinor: r.amountMinor, description: normalized, occurrence };
          fp = fingerprintNormalized({ ...identity, accountId: scope });
          if (alsoUnassigned) unassigned = fingerprintNormalized({ ...identity, accountId: "" });
        }
        // Deterministic and increasing within the import: a re-run writes the same ids.
        batch.addRow(`${importId}_${(result.key ?? r.line).toString(36).padStart(6, "0")}`, r, fp, unassigned, result.accountId ?? null);
        csvProof?.add(r);
        counts.rows++;
        if (dateFrom === null || r.date < dateFrom) dateFrom = r.date;
        if (dateTo === null || r.date > dateTo) dateTo = r.date;
      } else {
        if (!result.layout) counts.dataRows++;
        batch.addIssue(result.issue);
        if (result.issue.kind === "error") {
          counts.errors++;
          ctx.itemFailed(`line ${result.issue.line}`, result.issue.reason);
        } else {
          counts.skipped++;
          if (!result.layout) skippedKinds.add(result.issue.reason);
        }
      }
      if (batch.size >= IMPORT_BATCH_ROWS) await send();
    }
    await send();
    for (const writing of inflight) await writing;
  } catch (err) {
    // Never leave an insert running behind a failure: its rows must be in before they are removed.
    await Promise.allSettled(inflight);
    throw err;
  }
  ctx.itemDone(counts.rows);

  // Exact counts, also after a retry: what the database holds for this import.
  const { rows } = await importPool().query<{ n: string }>(`SELECT count(*) AS n FROM "Transaction" WHERE "importId" = $1`, [importId]);
  const importedCount = Number(rows[0].n);
  if (isCsv && targetAccount) await recordImportAccounts(importId, [targetAccount]);
  await (statement ?? csvProof)?.finish();
  return {
    importId,
    totalRows: counts.dataRows,
    importedCount,
    duplicateCount: Math.max(0, counts.rows - importedCount),
    skippedCount: counts.skipped,
    skippedKinds: skippedKinds.toString(),
    errorCount: counts.errors,
    dateFrom,
    dateTo,
  };
}

async function finishImport(userId: string, row: Import, result: ImportResult, ctx: JobContext) {
  const followUps = await db().$transaction(async (tx) => {
    await tx.import.update({
      where: { id: row.id },
      data: {
        status: "completed",
        error: null,
        totalRows: result.totalRows,
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
    // The new rows may belong to any budget, and get categorized.
    return result.importedCount > 0
      ? recordTransactionChange(tx, userId, {
          budgets: "all",
          categorizeImport: { importId: row.id, count: result.importedCount },
          transfers: datesOf([result.dateFrom, result.dateTo]),
        })
      : null;
  });
  await dispatchTransactionFollowUps(followUps);
  const title = importTitle(result);
  await createNotification({ userId, kind: "import_completed", title, link: `/dashboard/imports/${row.id}`, jobId: ctx.jobId });
  await emitWebhookEvent(undefined, userId, "import.completed", { ...result, status: "completed" }, { dedupeKey: `import.completed:${ctx.jobId}` });
  await ctx.log("info", `${row.fileName}: ${title} (${number(result.skippedCount)} skipped${result.skippedKinds ? `: ${result.skippedKinds}` : ""})`);
  return { result, message: title };
}
