import { db } from "../db";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { formatBytes } from "../imports/import-errors";
import { assertStorageQuota } from "../imports/storage-quota";
import { receiptOcrJob } from "../jobs/receipt-ocr";
import { detectReceiptType } from "./detect-receipt-type";

// Upload: check size and type (by content), store the bytes in Postgres (the OCR worker runs
// elsewhere) with the receipt-ocr job in one transaction, then queue the job.

export interface ReceiptUpload {
  bytes: Uint8Array;
  fileName: string;
  /** Uploaded from this transaction's row: the receipt belongs to it. */
  transactionId?: string;
}

export function receiptTooLarge(): AppError {
  const limit = env().RECEIPT_MAX_BYTES;
  const message = `The receipt is larger than the ${formatBytes(limit)} limit. A photo at a lower resolution reads just as well.`;
  return new AppError("payload_too_large", message, { error: message, limitBytes: limit });
}

/** The largest upload request: the file's limit plus the multipart envelope and the small form fields. */
export const RECEIPT_BODY_MAX_BYTES = () => env().RECEIPT_MAX_BYTES + 64 * 1024;

export async function uploadReceipt(userId: string, upload: ReceiptUpload): Promise<{ receiptId: string; jobId: string }> {
  if (upload.bytes.length > env().RECEIPT_MAX_BYTES) throw receiptTooLarge();
  if (upload.bytes.length === 0) throw new AppError("validation_failed", "The file is empty.", { code: "empty_file" });
  const type = detectReceiptType(upload.bytes);
  if (!type.ok) throw new AppError("validation_failed", type.reason, { code: "unsupported_type" });
  await assertStorageQuota(userId, upload.bytes.length);

  const { receiptId, job } = await db().$transaction(async (tx) => {
    if (upload.transactionId) {
      const own = await tx.transaction.findFirst({ where: { id: upload.transactionId, userId }, select: { id: true } });
      if (!own) throw notFound("Transaction");
    }
    const receipt = await tx.receipt.create({
      data: {
        userId,
        transactionId: upload.transactionId ?? null,
        fileName: upload.fileName.slice(0, 255) || "receipt",
        contentType: type.contentType,
        fileSize: upload.bytes.length,
        file: { create: { content: upload.bytes as Uint8Array<ArrayBuffer> } },
      },
      select: { id: true },
    });
    const job = await receiptOcrJob.request(tx, { userId, receiptId: receipt.id });
    await tx.receipt.update({ where: { id: receipt.id }, data: { backgroundJobId: job.id } });
    return { receiptId: receipt.id, job };
  });
  await receiptOcrJob.dispatch(job);
  return { receiptId, jobId: job.id };
}

export function noReceiptFile(): AppError {
  const message = 'Choose a photo or a PDF of the receipt to upload (form field "file").';
  return new AppError("validation_failed", message, { error: message, code: "no_file" });
}
