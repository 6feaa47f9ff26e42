// GET /api/receipts/{id} – one receipt: { receipt }
// PATCH /api/receipts/{id} – confirm or correct its fields, attach it, or make a transaction of it: { receipt, jobId }
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { confirmReceipt, confirmReceiptSchema } from "@/lib/receipts/confirm-receipt";
import { getReceipt } from "@/lib/receipts/receipt-view";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await getReceipt(user.id, params.id)));

export const PATCH = authedRoute(async ({ req, user, params }) =>
  NextResponse.json(await confirmReceipt(user.id, params.id, await readJson(req, confirmReceiptSchema))),
);
