import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { formatBytes } from "./import-errors";

// Every file a user uploads is kept in Postgres (the worker runs on another machine): bank
// files until their import is undone or expires unconfirmed, receipts until they are deleted.
// UPLOAD_QUOTA_BYTES caps both together, so neither kind of upload can fill the database.

/** The bytes of the user's stored files: import files still kept and every receipt's file. */
export async function storedUploadBytes(userId: string): Promise<number> {
  const [imports, receipts] = await Promise.all([
    db().import.aggregate({ where: { userId, file: { isNot: null } }, _sum: { fileSize: true } }),
    db().receipt.aggregate({ where: { userId, file: { isNot: null } }, _sum: { fileSize: true } }),
  ]);
  return (imports._sum.fileSize ?? 0) + (receipts._sum.fileSize ?? 0);
}

/** 413 in words when storing `bytes` more would take the user's stored files past UPLOAD_QUOTA_BYTES. */
export async function assertStorageQuota(userId: string, bytes: number): Promise<void> {
  const quota = env().UPLOAD_QUOTA_BYTES;
  if (quota === 0) return;
  const used = await storedUploadBytes(userId);
  if (used + bytes > quota) {
    const message =
      `Your uploaded files take ${formatBytes(used)} of your ${formatBytes(quota)} storage; this one (${formatBytes(bytes)}) does not fit. ` +
      "Delete receipts, undo or delete imports you no longer need, or confirm waiting ones (unconfirmed uploads expire).";
    throw new AppError("payload_too_large", message, { error: message, code: "storage_quota", usedBytes: used, quotaBytes: quota });
  }
}
