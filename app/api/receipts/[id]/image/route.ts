// GET /api/receipts/{id}/image – the receipt's picture (the OCR job's upright JPEG, else the upload)
import { authedRoute } from "@/lib/http/handle-route";
import { receiptImage } from "@/lib/receipts/receipt-view";

export const GET = authedRoute(async ({ user, params }) => {
  const image = await receiptImage(user.id, params.id);
  return new Response(Buffer.from(image.bytes), {
    headers: { "content-type": image.contentType, "cache-control": "private, max-age=300", "x-content-type-options": "nosniff" },
  });
});
