import { db } from "../db";
import { currencyDigits } from "../finance/money";
import { AppError } from "../errors";
import { CsvFileError, headerKeyForMapping, type ImportMapping } from "../finance/csv";
import type { Import, Prisma } from "../generated/prisma/client";
import { fileRejected } from "./import-errors";
import { readImportHead } from "./import-file";
import { findOwnImport, mappingOf, toImportView, type ImportView, type ImportWithAccount } from "./import-view";
import { PREVIEW_HEAD_BYTES, readPreview, withFileHeader, type Preview, type PreviewBody } from "./preview-import";
import { csvImportJob } from "../jobs/csv-import";
import { queueImportJob, saveTemplate, type StoredDetection } from "./upload-import";

// Preview with the current or an edited mapping, and the user's confirmation, which saves the
// mapping (and a template for the next file like it) and starts the import job.

const EDITABLE: Import["status"][] = ["awaiting_confirmation", "failed"];

function assertEditable(i: Import): void {
  if (!EDITABLE.includes(i.status)) {
    throw new AppError("conflict", `This import is ${i.status.replace("_", " ")}; only an import waiting for confirmation (or a failed one) can be previewed or confirmed`);
  }
}

/**
 * The preview of the file's head with `mapping`; an edited mapping (`edited`) first takes its
 * header names from the file at its header row. Returns the mapping used.
 */
async function readHeadPreview(i: Import, mapping: ImportMapping, edited: boolean): Promise<{ mapping: ImportMapping; body: PreviewBody }> {
  const head = await readImportHead(i.id, PREVIEW_HEAD_BYTES);
  if (!head) throw new AppError("not_found", "The import's file is gone");
  const complete = i.fileSize <= PREVIEW_HEAD_BYTES;
  try {
    const withHeader = edited ? await withFileHeader(head, complete, mapping) : mapping;
    // Amounts previewed in the decimals of the account's currency (JPY 0, BHD 3), as the job reads them.
    const account = i.accountId ? await db().financialAccount.findUnique({ where: { id: i.accountId }, select: { currency: true } }) : null;
    const digits = currencyDigits(account?.currency);
    const used = digits === 2 ? withHeader : { ...withHeader, currencyDigits: digits };
    return { mapping: used, body: await readPreview(head, complete, used) };
  } catch (err) {
    if (err instanceof CsvFileError) throw fileRejected(err);
    throw err;
  }
}

export async function previewImport(userId: string, id: string, mapping?: ImportMapping): Promise<Preview> {
  const row = await findOwnImport(userId, id);
  assertEditable(row);
  if (row.format !== "csv") throw new AppError("conflict", "A bank statement file has no column mapping to preview; confirm it to import it again");
  const { mapping: used, body } = await readHeadPreview(row, mapping ?? mappingOf(row), mapping !== undefined);
  return { import: toImportView(row), mapping: used, ...detectionOf(row), ...body };
}

function detectionOf(row: ImportWithAccount): Pick<Preview, "detection" | "templateApplied"> {
  const stored = (row.detection ?? {}) as Partial<StoredDetection>;
  return {
    detection: { confidence: stored.confidence ?? 1, warnings: stored.warnings ?? [] },
    templateApplied: stored.templateApplied ?? false,
  };
}

export async function confirmImport(
  userId: string,
  id: string,
  input: { mapping?: ImportMapping; dedupe?: boolean },
): Promise<{ jobId: string; import: ImportView }> {
  const row = await findOwnImport(userId, id);
  assertEditable(row);
  // A mapping that names a column the file lacks is refused now, not by the job later.
  const isCsv = row.format === "csv";
  if (!isCsv && input.mapping) throw new AppError("validation_failed", "A column mapping applies to CSV files only");
  const mapping = input.mapping ? (await readHeadPreview(row, input.mapping, true)).mapping : mappingOf(row);

  const job = await db().$transaction(async (tx) => {
    // Two confirmations at once: the row lock makes the second see the first's status.
    const locked = await tx.$queryRaw<{ status: Import["status"] }[]>`
      SELECT status FROM "Import" WHERE id = ${id} AND "userId" = ${userId} FOR UPDATE`;
    if (!locked[0] || !EDITABLE.includes(locked[0].status)) {
      throw new AppError("conflict", "This import was already confirmed");
    }
    await tx.import.update({
      where: { id },
      data: {
        ...(isCsv ? { mapping: mapping as unknown as Prisma.InputJsonValue, headerKey: headerKeyForMapping(mapping) } : {}),
        ...(input.dedupe !== undefined ? { dedupe: input.dedupe } : {}),
      },
    });
    // A failed run's reports belong to its settings; the new run writes its own.
    await tx.importRowIssue.deleteMany({ where: { importId: id } });
    if (locked[0].status === "failed") await tx.transaction.deleteMany({ where: { importId: id, userId } });
    if (isCsv) await saveTemplate(tx, userId, mapping);
    return queueImportJob(tx, userId, id);
  });
  // Read back before the job is dispatched: a worker that starts at once must not race the
  // answer, which says what was committed (queued).
  const view = toImportView(await findOwnImport(userId, id));
  await csvImportJob.dispatch(job);
  return { jobId: job.id, import: view };
}
