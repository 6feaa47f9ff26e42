// POST /api/receipts – upload a receipt photo (multipart: file, transactionId?): 202 { receiptId, jobId }
// GET /api/receipts?transactionId= – the newest receipts: { receipts }
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, chargeRateLimit, readForm } from "@/lib/http/handle-route";
import { uploadRateCost } from "@/lib/imports/upload-import";
import { listReceipts } from "@/lib/receipts/receipt-view";
import { noReceiptFile, RECEIPT_BODY_MAX_BYTES, receiptTooLarge, uploadReceipt } from "@/lib/receipts/upload-receipt";

const fieldsSchema = z.object({ transactionId: z.string().min(1).max(64).optional() });

export const POST = authedRoute(
  async ({ req, user }) => {
    // Counted while it streams: a chunked body past the limit is refused without reading the rest.
    const form = await readForm(req, RECEIPT_BODY_MAX_BYTES(), receiptTooLarge);
    const file = form.get("file");
    if (!(file instanceof Blob)) throw noReceiptFile();
    // A large photo costs more of the per-user budget than a small one.
    await chargeRateLimit("enqueue", user, uploadRateCost(file.size));
    const transactionId = form.get("transactionId");
    const fields = fieldsSchema.parse({ transactionId: typeof transactionId === "string" && transactionId ? transactionId : undefined });
    const outcome = await uploadReceipt(user.id, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: "name" in file && typeof file.name === "string" ? file.name : "receipt",
      transactionId: fields.transactionId,
    });
    return NextResponse.json(outcome, { status: 202 });
  },
  { rateLimit: "enqueue" },
);

export const GET = authedRoute(async ({ req, user }) => {
  const query = fieldsSchema.parse({ transactionId: req.nextUrl.searchParams.get("transactionId") ?? undefined });
  return NextResponse.json(await listReceipts(user.id, query.transactionId));
});
