import { createHash } from "node:crypto";
import { db, type Tx } from "../db";
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
import { csvImportJob } from "../jobs/csv-import";
import type { RequestedJob } from "../queue/define-job";
import { resolveAccount } from "./accounts";
import { currencyDigits } from "../finance/money";
import { fileRejected, tooLarge } from "./import-errors";
import { assertStorageQuota } from "./storage-quota";
import { findOwnImport, toImportView, type ImportView } from "./import-view";
import { PREVIEW_HEAD_BYTES, readPreview, withFileHeader, type Preview, type PreviewBody } from "./preview-import";
import { detectImportFormat } from "../finance/statements";
import { detectUploadFormat, uploadStatement } from "./statement-upload";

// Upload: check and detect the file, store its bytes in Postgres (the worker runs elsewhere),
// and either start the import at once (a saved template matched the header, or the client gave
// a mapping or asked for it) or wait for the user to check the preview and confirm.
//
// "No account" is not a place of its own: a CSV uploaded without an account goes to the account
// the user's last file with the same columns (header) went to, else to the default account (its
// rows keep the account-less fingerprint there, run-import.ts), so re-uploading a file never
// duplicates its rows whichever way the Account field is left. A statement file goes to the
// account its account number names (statement-upload.ts). Fingerprints stay per account
// (the same purchase on two cards is two transactions; issue 13's bank ids are only unique
// within an account), and an import into an account also skips rows already imported with no
// account (lib/imports/run-import.ts). checkUpload tells the page both things before upload.

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
  await assertStorageQuota(userId, upload.bytes.length);
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
  // Amounts previewed in the decimals of the chosen account's currency (JPY 0, BHD 3).
  const chosen = upload.accountId || upload.accountName
    ? await db().financialAccount.findFirst({ where: { userId, ...(upload.accountId ? { id: upload.accountId } : { name: upload.accountName }) }, select: { currency: true } })
    : null;
  const digits = currencyDigits(chosen?.currency);
  if (digits !== 2) mapping = { ...mapping, currencyDigits: digits };
  let templateApplied = false;
  let body: PreviewBody | null = null;
  if (!upload.mapping) {
    const template = await readWithTemplate(userId, head, complete, detection);
    if (template) {
      ({ mapping, body } = template);
      templateApplied = true;
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
  const { importId, job } = await db().$transaction(
    async (tx) => {
      const accountId =
        (await resolveAccount(tx, userId, upload)) ?? (await accountOfLastLayout(tx, userId, headerKeyForMapping(mapping)))?.id ?? null;
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
      if (!start) return { importId: created.id, job: null };
      if (upload.mapping) await saveTemplate(tx, userId, mapping);
      return { importId: created.id, job: await queueImportJob(tx, userId, created.id) };
    },
    { timeout: 60_000 },
  );
  // The answer says what was committed: read it before a worker can start the job.
  const view = toImportView(await findOwnImport(userId, importId));
  if (job) await csvImportJob.dispatch(job);
  const jobId = job?.id ?? null;

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

/** The saved template for this file's header and the preview it gives, when it still reads the file. */
async function readWithTemplate(
  userId: string,
  head: Uint8Array,
  complete: boolean,
  detection: DetectionResult,
): Promise<{ mapping: ImportMapping; body: PreviewBody } | null> {
  const template = await db().importTemplate.findUnique({
    where: { userId_headerKey: { userId, headerKey: headerKeyForMapping(detection.mapping) } },
  });
  const fromTemplate = template ? applyTemplate(detection.mapping, template.mapping as unknown as ImportMapping) : null;
  if (!fromTemplate || validateMapping(fromTemplate).length > 0) return null;
  // A template that no longer reads this file (the bank moved the header) is not used.
  const body = await readPreview(head, complete, fromTemplate).catch(() => null);
  return body ? { mapping: fromTemplate, body } : null;
}

/** The account the user's latest file with these columns went to (null: none, or no account). */
async function accountOfLastLayout(tx: Tx, userId: string, headerKey: string): Promise<{ id: string; name: string } | null> {
  const last = await tx.import.findFirst({
    where: { userId, headerKey },
    orderBy: { createdAt: "desc" },
    select: { account: { select: { id: true, name: true } } },
  });
  return last?.account ?? null;
}

export interface UploadCheck {
  /** A saved layout matches this file (or it is a statement file): the upload starts the import without a preview. */
  skipsPreview: boolean;
  /** Where a CSV's rows go when Account is left on "No account" (null: the default account). */
  noAccountTarget: { id: string; name: string } | null;
  /** A statement file (OFX, QIF, CAMT.053, MT940): with no account given, it goes to the account its account number names. */
  statement: boolean;
}

/** What an upload of a file starting with `head` would do, for the page to say before it happens. */
export async function checkUpload(userId: string, head: Uint8Array, complete: boolean): Promise<UploadCheck> {
  // A zip's head cannot be opened: any zip is a statement archive here (the upload checks it whole).
  if (detectImportFormat(head) !== "csv") return { skipsPreview: true, noAccountTarget: null, statement: true };
  let detection: DetectionResult;
  try {
    detection = detectCsv(head.subarray(0, PREVIEW_HEAD_BYTES));
  } catch (err) {
    if (err instanceof CsvFileError) throw fileRejected(err);
    throw err;
  }
  const template = await readWithTemplate(userId, head.subarray(0, PREVIEW_HEAD_BYTES), complete, detection);
  const mapping = template?.mapping ?? detection.mapping;
  return {
    skipsPreview: template !== null,
    noAccountTarget: await accountOfLastLayout(db(), userId, headerKeyForMapping(mapping)),
    statement: false,
  };
}

/** The csv-import job row (inside the caller's transaction) and the import marked queued. */
export async function queueImportJob(tx: Tx, userId: string, importId: string): Promise<RequestedJob> {
  const job = await csvImportJob.request(tx, { userId, importId });
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
  return job;
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

/** The largest upload request: the file's limit plus the multipart envelope and the small form fields. */
export const UPLOAD_BODY_MAX_BYTES = () => env().IMPORT_MAX_BYTES + 64 * 1024;

export const uploadTooLarge = () => tooLarge(env().IMPORT_MAX_BYTES);

/** Hits an upload costs beyond its request: one per UPLOAD_RATE_LIMIT_BYTES past the first. */
export function uploadRateCost(bytes: number): number {
  return Math.max(0, Math.ceil(bytes / env().UPLOAD_RATE_LIMIT_BYTES) - 1);
}

export function noFile(): AppError {
  const message = "Choose a CSV file to upload (form field \"file\").";
  return new AppError("validation_failed", message, { error: message, code: "no_file" });
}
