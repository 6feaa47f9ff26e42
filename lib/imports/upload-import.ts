import { createHash } from "node:crypto";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import {
  applyTemplate,
  CsvFileError,
  detectCsv,
  headerKeyForMapping,
  validateMapping,
  type DetectionResult,
  type ImportMapping,
} from "../finance/csv";
import type { Prisma } from "../generated/prisma/client";
import { createJobRow, type Tx } from "../queue/background-jobs";
import { dispatchJob } from "../queue/dispatch-job";
import { QUEUE } from "../queue/names";
import { resolveAccount } from "./accounts";
import { fileRejected, tooLarge } from "./import-errors";
import { findOwnImport, toImportView, type ImportView } from "./import-view";
import { PREVIEW_HEAD_BYTES, readPreview, withFileHeader, type Preview, type PreviewBody } from "./preview-import";
import { detectUploadFormat, uploadStatement } from "./statement-upload";

// Upload: check and detect the file, store its bytes in Postgres (the worker runs elsewhere),
// and either start the import at once (a saved template matched the header, or the client gave
// a mapping or asked for it) or wait for the user to check the preview and confirm.

export interface Upload {
  bytes: Uint8Array;
  fileName: string;
  accountId?: string;
  accountName?: string;
  /** Already checked with checkedMapping. */
  mapping?: ImportMapping;
  autoConfirm?: boolean;
  dedupe?: boolean;
}

/** Stored with the import: what the preview shows about detection. */
export interface StoredDetection {
  confidence: number;
  warnings: DetectionResult["warnings"];
  templateApplied: boolean;
}

export type UploadOutcome =
  | { started: true; importId: string; jobId: string; import: ImportView }
  | { started: false; importId: string; import: ImportView; preview: Preview };

export async function uploadImport(userId: string, upload: Upload): Promise<UploadOutcome> {
  const limit = env().IMPORT_MAX_BYTES;
  if (upload.bytes.length > limit) throw tooLarge(limit);
  if (upload.bytes.length === 0) throw fileRejected(new CsvFileError("empty_file", "The file is empty."));
  const format = await detectUploadFormat(upload.bytes);
  if (format !== "csv") return uploadStatement(userId, upload, format);

  const head = upload.bytes.subarray(0, PREVIEW_HEAD_BYTES);
  const complete = upload.bytes.length <= PREVIEW_HEAD_BYTES;
  let detection: DetectionResult;
  try {
    detection = detectCsv(head);
  } catch (err) {
    if (err instanceof CsvFileError) throw fileRejected(err);
    throw err;
  }

  // The mapping to read with: the client's, else a saved template for this header, else detection's.
  // A client's mapping takes its header names from the file (it may have moved the header row).
  let mapping = upload.mapping ? await withFileHeader(head, complete, upload.mapping) : detection.mapping;
  let templateApplied = false;
  let body: PreviewBody | null = null;
  if (!upload.mapping) {
    const template = await db().importTemplate.findUnique({
      where: { userId_headerKey: { userId, headerKey: headerKeyForMapping(detection.mapping) } },
    });
    const fromTemplate = template ? applyTemplate(detection.mapping, template.mapping as unknown as ImportMapping) : null;
    if (fromTemplate && validateMapping(fromTemplate).length === 0) {
      // A template that no longer reads this file (the bank moved the header) is not used.
      body = await readPreview(head, complete, fromTemplate).catch(() => null);
      if (body) {
        mapping = fromTemplate;
        templateApplied = true;
      }
    }
  }
  try {
    body ??= await readPreview(head, complete, mapping);
  } catch (err) {
    if (err instanceof CsvFileError) throw fileRejected(err);
    throw err;
  }

  const start = templateApplied || upload.mapping !== undefined || upload.autoConfirm === true;
  const stored: StoredDetection = { confidence: detection.confidence, warnings: detection.warnings, templateApplied };
  const { importId, jobId } = await db().$transaction(
    async (tx) => {
      const accountId = await resolveAccount(tx, userId, upload);
      const created = await tx.import.create({
        data: {
          userId,
          accountId,
          ...storedFile(upload, "upload.csv"),
          headerKey: headerKeyForMapping(mapping),
          mapping: mapping as unknown as Prisma.InputJsonValue,
          detection: stored as unknown as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      if (!start) return { importId: created.id, jobId: null };
      if (upload.mapping) await saveTemplate(tx, userId, mapping);
      return { importId: created.id, jobId: await queueImportJob(tx, userId, created.id) };
    },
    { timeout: 60_000 },
  );
  if (jobId) await dispatchImportJob(userId, jobId);

  const view = toImportView(await findOwnImport(userId, importId));
  if (jobId) return { started: true, importId, jobId, import: view };
  return {
    started: false,
    importId,
    import: view,
    preview: { import: view, mapping, detection: { confidence: stored.confidence, warnings: stored.warnings }, templateApplied, ...body },
  };
}

/** The Import row's file fields: the bytes (stored in Postgres for the worker), name, size and hash. */
export function storedFile(upload: Upload, fallbackName: string) {
  return {
    fileName: upload.fileName.slice(0, 255) || fallbackName,
    fileSize: upload.bytes.length,
    fileSha256: createHash("sha256").update(upload.bytes).digest("hex"),
    dedupe: upload.dedupe ?? true,
    file: { create: { content: upload.bytes as Uint8Array<ArrayBuffer> } },
  };
}

/** The csv-import job row (inside the caller's transaction) and the import marked queued. */
export async function queueImportJob(tx: Tx, userId: string, importId: string): Promise<string> {
  const job = await createJobRow(tx, { type: QUEUE.csvImport, userId, payload: { importId } });
  await tx.import.update({
    where: { id: importId },
    data: {
      status: "queued",
      backgroundJobId: job.id,
      confirmedAt: new Date(),
      error: null,
      totalRows: null,
      processedRows: 0,
      importedCount: 0,
      duplicateCount: 0,
      skippedCount: 0,
      errorCount: 0,
      dateFrom: null,
      dateTo: null,
      completedAt: null,
    },
  });
  return job.id;
}

/** After commit: add the Bull job (the outbox's second half; the reconciler covers a miss). */
export async function dispatchImportJob(userId: string, jobId: string): Promise<void> {
  await dispatchJob({ id: jobId, type: QUEUE.csvImport, userId, runAfter: new Date() });
}

/** The confirmed mapping becomes the template for the next file with the same header. */
export async function saveTemplate(tx: Tx, userId: string, mapping: ImportMapping): Promise<void> {
  const headerKey = headerKeyForMapping(mapping);
  const json = mapping as unknown as Prisma.InputJsonValue;
  await tx.importTemplate.upsert({
    where: { userId_headerKey: { userId, headerKey } },
    create: { userId, headerKey, mapping: json },
    update: { mapping: json },
  });
}

export function assertUploadSize(contentLength: string | null): void {
  // The multipart envelope and the small form fields add a little to the file's own size.
  const limit = env().IMPORT_MAX_BYTES;
  if (contentLength && /^\d+$/.test(contentLength) && Number(contentLength) > limit + 64 * 1024) throw tooLarge(limit);
}

export function noFile(): AppError {
  const message = "Choose a CSV file to upload (form field \"file\").";
  return new AppError("validation_failed", message, { error: message, code: "no_file" });
}
