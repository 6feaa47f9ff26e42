import sharp from "sharp";
import { db } from "../db";
import { PermanentJobError } from "../errors";
import { formatAmount } from "../finance/money";
import type { Prisma } from "../generated/prisma/client";
import type { JobContext } from "../queue/job-context";
import type { ReceiptContentType } from "./detect-receipt-type";
import { extractReceiptFields, type ExtractedFields } from "./extract-fields";
import { findMatchingTransaction } from "./match-receipt";
import { prepareReceiptImage, UnreadableImageError } from "./prepare-image";
import { readPdfFirstPage } from "./read-pdf";
import { readReceiptText, type ReadText } from "./read-text";

// The receipt-ocr job's work: prepare the image, read its text, find the fields, match a
// transaction. Safe to run twice: it rewrites the receipt's fields from its stored image.
// A PDF: its first page's text layer is read as it is (no OCR); a PDF without one (a scan)
// has its first page drawn and read by OCR like a photo.

/** A scanned PDF whose OCR finds fewer letters and digits than this is refused as having no text. */
const MIN_PDF_OCR_CHARS = 12;
export const PDF_WITHOUT_TEXT = "This PDF has no text we could read: upload a photo of the receipt instead.";

/** Below this a field is shown for the person to confirm (status needs_review). */
export const CONFIRM_BELOW = 0.6;
const PREVIEW_SIDE = 1200;

export interface ReceiptOcrOutcome {
  receiptId: string;
  status: "matched" | "unmatched" | "needs_review";
  transactionId: string | null;
  fields: Omit<ExtractedFields, "totalMinor"> & { total: string | null };
}

type Progress = Pick<JobContext, "progress" | "log">;

async function markFailed(receiptId: string, error: string): Promise<void> {
  await db().receipt.update({ where: { id: receiptId }, data: { status: "failed", error, processedAt: new Date() } });
}

export async function runReceiptOcr(userId: string, receiptId: string, ctx: Progress): Promise<ReceiptOcrOutcome> {
  const receipt = await db().receipt.findFirst({
    where: { id: receiptId, userId },
    include: { file: { select: { content: true } }, user: { select: { currency: true } } },
  });
  if (!receipt?.file) throw new PermanentJobError(`receipt ${receiptId} is gone`);
  await db().receipt.update({ where: { id: receiptId }, data: { status: "processing", error: null } });

  await ctx.progress(5, receipt.contentType === "application/pdf" ? "Opening the PDF" : "Preparing the image");
  let read: ReadText;
  try {
    read = await readReceipt(receipt.file.content, receipt.contentType as ReceiptContentType, receiptId, ctx);
  } catch (err) {
    if (!(err instanceof UnreadableImageError)) throw err;
    await markFailed(receiptId, err.message);
    throw new PermanentJobError(err.message);
  }

  await ctx.progress(80, "Finding the total");
  const fields = extractReceiptFields(read.text, {
    defaultCurrency: receipt.user.currency,
    ocrConfidence: read.confidence,
    latestDate: new Date(receipt.createdAt.getTime() + 86_400_000).toISOString().slice(0, 10),
  });

  await ctx.progress(90, "Matching a transaction");
  const date = fields.date ? new Date(`${fields.date}T00:00:00Z`) : null;
  const sure = Math.min(fields.confidence.total, fields.confidence.date, fields.confidence.merchant) >= CONFIRM_BELOW;
  const { status, transactionId } = await db().$transaction(async (tx) => {
    // Uploaded from a transaction's row: it stays on that one. Otherwise match only on a total
    // read with confidence (a wrong match is worse than none).
    const transactionId =
      receipt.transactionId ??
      (fields.totalMinor !== null && fields.confidence.total >= CONFIRM_BELOW
        ? await findMatchingTransaction(tx, userId, fields.totalMinor, date, receipt.createdAt)
        : null);
    const status = !sure ? "needs_review" : transactionId ? "matched" : "unmatched";
    await tx.receipt.update({
      where: { id: receiptId },
      data: {
        status,
        transactionId,
        merchant: fields.merchant,
        date,
        totalMinor: fields.totalMinor,
        currency: fields.currency,
        confidence: fields.confidence as unknown as Prisma.InputJsonValue,
        text: read.text,
        processedAt: new Date(),
      },
    });
    return { status, transactionId } as const;
  });
  await ctx.log("info", `receipt ${receiptId}: ${status}; OCR confidence ${Math.round(read.confidence)}`);
  const { totalMinor, ...rest } = fields;
  return { receiptId, status, transactionId, fields: { ...rest, total: totalMinor === null ? null : formatAmount(totalMinor) } };
}

async function savePreview(receiptId: string, image: Buffer): Promise<void> {
  // The picture the page shows (upright, and a JPEG: browsers cannot show HEIC or a PDF in <img>).
  const preview = await sharp(image).flatten({ background: "#ffffff" }).resize({ width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: "inside", withoutEnlargement: true }).jpeg({ quality: 80 }).toBuffer();
  await db().receiptFile.update({ where: { receiptId }, data: { preview: preview as Uint8Array<ArrayBuffer> } });
}

/** The receipt's text: a PDF's text layer, else OCR of the (prepared) picture. Unreadable input throws UnreadableImageError. */
async function readReceipt(bytes: Uint8Array, contentType: ReceiptContentType, receiptId: string, ctx: Progress): Promise<ReadText> {
  if (contentType === "application/pdf") {
    const page = await readPdfFirstPage(bytes, { render: true });
    if (page.png) await savePreview(receiptId, page.png);
    if (page.hasText) {
      await ctx.log("info", `receipt ${receiptId}: PDF text layer read (${page.pageCount} page${page.pageCount === 1 ? "" : "s"}), no OCR`);
      // Text as written, not guessed from pixels: full confidence.
      return { text: page.text, confidence: 100 };
    }
    if (!page.png) throw new UnreadableImageError(PDF_WITHOUT_TEXT);
    await ctx.progress(15, "The PDF is a scan: preparing its page");
    const png = await prepareReceiptImage(page.png, "image/png");
    await ctx.progress(20, "Reading the text");
    const read = await readReceiptText(png);
    if (read.text.replace(/[^\p{L}\p{N}]/gu, "").length < MIN_PDF_OCR_CHARS) throw new UnreadableImageError(PDF_WITHOUT_TEXT);
    return read;
  }
  const png = await prepareReceiptImage(bytes, contentType);
  await savePreview(receiptId, png);
  await ctx.progress(20, "Reading the text");
  return readReceiptText(png);
}

/** The job failed for good: the receipt says so instead of staying "processing". */
export async function onReceiptOcrFailed(receiptId: string, error: string): Promise<void> {
  await db().receipt.updateMany({ where: { id: receiptId, status: { in: ["queued", "processing"] } }, data: { status: "failed", error } });
}
