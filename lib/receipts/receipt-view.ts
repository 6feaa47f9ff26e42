import { db } from "../db";
import { notFound } from "../errors";
import { formatAmount } from "../finance/money";
import type { Prisma } from "../generated/prisma/client";

// What the API and the pages show of a receipt.

export interface ReceiptView {
  id: string;
  status: string;
  fileName: string;
  /** What the upload is by its content: image/jpeg, image/png, image/webp, image/heic or application/pdf. */
  contentType: string;
  merchant: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** Decimal string, e.g. "12.34". */
  total: string | null;
  currency: string | null;
  confidence: { merchant: number; date: number; total: number };
  transactionId: string | null;
  transaction: { id: string; date: string; description: string; amount: string } | null;
  text: string | null;
  error: string | null;
  jobId: string | null;
  imageUrl: string;
  /** The upload as it was sent (a download). */
  fileUrl: string;
  createdAt: string;
}

export const withTransaction = {
  transaction: { select: { id: true, date: true, description: true, amountMinor: true } },
} satisfies Prisma.ReceiptInclude;
type ReceiptRow = Prisma.ReceiptGetPayload<{ include: typeof withTransaction }>;

const NO_CONFIDENCE = { merchant: 0, date: 0, total: 0 };

export function toReceiptView(r: ReceiptRow): ReceiptView {
  const t = r.transaction;
  return {
    id: r.id,
    status: r.status,
    fileName: r.fileName,
    contentType: r.contentType,
    merchant: r.merchant,
    date: r.date?.toISOString().slice(0, 10) ?? null,
    total: r.totalMinor === null ? null : formatAmount(r.totalMinor),
    currency: r.currency,
    confidence: { ...NO_CONFIDENCE, ...(r.confidence as Partial<typeof NO_CONFIDENCE> | null) },
    transactionId: r.transactionId,
    transaction: t ? { id: t.id, date: t.date.toISOString().slice(0, 10), description: t.description, amount: formatAmount(t.amountMinor) } : null,
    text: r.text,
    error: r.error,
    jobId: r.backgroundJobId,
    imageUrl: `/api/receipts/${r.id}/image`,
    fileUrl: `/api/receipts/${r.id}/file`,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getReceipt(userId: string, id: string): Promise<{ receipt: ReceiptView }> {
  const row = await db().receipt.findFirst({ where: { id, userId }, include: withTransaction });
  if (!row) throw notFound("Receipt");
  return { receipt: toReceiptView(row) };
}

const PAGE = 50;

export async function listReceipts(userId: string, transactionId?: string): Promise<{ receipts: ReceiptView[] }> {
  const rows = await db().receipt.findMany({
    where: { userId, ...(transactionId ? { transactionId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE,
    include: withTransaction,
  });
  return { receipts: rows.map(toReceiptView) };
}

/** The image to show: the OCR job's upright JPEG preview, else the upload when a browser can show it. */
export async function receiptImage(userId: string, id: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const row = await db().receipt.findFirst({ where: { id, userId }, select: { contentType: true, file: true } });
  if (!row?.file) throw notFound("Receipt");
  if (row.file.preview) return { bytes: row.file.preview, contentType: "image/jpeg" };
  if (row.contentType === "image/heic" || row.contentType === "application/pdf") throw notFound("Receipt preview (it is made once the receipt is read)");
  return { bytes: row.file.content, contentType: row.contentType };
}

/** The upload as it was sent, for download (a PDF is opened by the browser's own viewer, not in the page). */
export async function receiptFile(userId: string, id: string): Promise<{ bytes: Uint8Array; contentType: string; fileName: string }> {
  const row = await db().receipt.findFirst({ where: { id, userId }, select: { contentType: true, fileName: true, file: { select: { content: true } } } });
  if (!row?.file) throw notFound("Receipt");
  return { bytes: row.file.content, contentType: row.contentType, fileName: row.fileName };
}
