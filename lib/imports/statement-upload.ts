import { db } from "../db";
import { AppError } from "../errors";
import {
  detectImportFormat,
  readStatement,
  StatementFileError,
  zipContentHead,
  type ImportFormat,
  type StatementFormat,
} from "../finance/statements";
import type { Prisma } from "../generated/prisma/client";
import { resolveAccount } from "./accounts";
import { fileRejected } from "./import-errors";
import { findOwnImport, toImportView } from "./import-view";
import { PREVIEW_HEAD_BYTES, PREVIEW_ROWS } from "./preview-import";
import { csvImportJob } from "../jobs/csv-import";
import { queueImportJob, storedFile, type Upload, type UploadOutcome } from "./upload-import";

// The upload of a statement file (OFX/QFX/QBO, QIF, CAMT.053 or a zip of them, MT940). Unlike
// a CSV there is no column mapping to confirm, so the import starts at once (202, like a CSV
// whose saved template matched). The file's first rows are read here so a wrong header or an
// unknown version is refused before anything is stored; a small file is read whole, so a
// truncated one is refused too (a large one's end is checked by the job, which then imports
// nothing and says why).

/** What the upload is, by content; a zip must hold CAMT.053 statements. */
export async function detectUploadFormat(bytes: Uint8Array): Promise<ImportFormat> {
  const detected = detectImportFormat(bytes);
  if (detected !== "zip") return detected;
  try {
    const inner = detectImportFormat(await zipContentHead([bytes]));
    if (inner === "camt053") return "camt053";
  } catch (err) {
    if (err instanceof StatementFileError) throw fileRejected(err);
    throw err;
  }
  throw fileRejected(new StatementFileError("invalid_archive", "The zip archive does not hold CAMT.053 statements (XML); upload the statement files themselves."));
}

/** Reads the head (or all of a small file) as the job will; throws the file's error as a 422. */
async function checkStatement(format: StatementFormat, bytes: Uint8Array): Promise<void> {
  const complete = bytes.length <= PREVIEW_HEAD_BYTES;
  let rows = 0;
  try {
    for await (const item of readStatement(format, () => [bytes], bytes.subarray(0, 8 * 1024))) {
      if (item.kind === "row" && ++rows >= PREVIEW_ROWS && !complete) return;
    }
  } catch (err) {
    if (err instanceof StatementFileError) throw fileRejected(err);
    throw err;
  }
}

export async function uploadStatement(userId: string, upload: Upload, format: StatementFormat): Promise<UploadOutcome> {
  if (upload.mapping) {
    const message = "A column mapping applies to CSV files only; this file is a bank statement that names its own fields.";
    throw new AppError("validation_failed", message, { error: message, code: "invalid_mapping" });
  }
  await checkStatement(format, upload.bytes);
  const { importId, job } = await db().$transaction(
    async (tx) => {
      const accountId = await resolveAccount(tx, userId, upload);
      const created = await tx.import.create({
        data: {
          userId,
          accountId,
          format,
          ...storedFile(upload, `statement.${format}`),
          // No columns: the format names its fields.
          mapping: { format } as unknown as Prisma.InputJsonValue,
        },
        select: { id: true },
      });
      return { importId: created.id, job: await queueImportJob(tx, userId, created.id) };
    },
    { timeout: 60_000 },
  );
  await csvImportJob.dispatch(job);
  return { started: true, importId, jobId: job.id, import: toImportView(await findOwnImport(userId, importId)) };
}
