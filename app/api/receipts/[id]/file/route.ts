// GET /api/receipts/{id}/file – the receipt as uploaded (a download: a PDF is not shown inside the app's origin)
import { authedRoute } from "@/lib/http/handle-route";
import { receiptFile } from "@/lib/receipts/receipt-view";

export const GET = authedRoute(async ({ user, params }) => {
  const file = await receiptFile(user.id, params.id);
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
});
