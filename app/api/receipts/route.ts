// POST /api/receipts – upload a receipt photo (multipart: file, transactionId?): 202 { receiptId, jobId }
// GET /api/receipts?transactionId= – the newest receipts: { receipts }
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { authedRoute } from "@/lib/http/handle-route";
import { listReceipts } from "@/lib/receipts/receipt-view";
import { assertReceiptUploadSize, noReceiptFile, uploadReceipt } from "@/lib/receipts/upload-receipt";

const fieldsSchema = z.object({ transactionId: z.string().min(1).max(64).optional() });

export const POST = authedRoute(
  async ({ req, user }) => {
    assertReceiptUploadSize(req.headers.get("content-length"));
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("bad_request", "Send the receipt as multipart/form-data");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw noReceiptFile();
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
