import type { ReceiptView } from "@/lib/receipts/receipt-view";
import { requestJson, type ApiResult } from "@/components/transactions/transaction-api";

// Browser-side calls to the receipts API.

export type Receipt = ReceiptView;

/** Still being read: the panel polls until it is not. */
export const isReading = (r: Pick<Receipt, "status">) => r.status === "queued" || r.status === "processing";

export async function uploadReceiptFile(file: File, transactionId?: string): Promise<ApiResult<{ receiptId: string; jobId: string }>> {
  const form = new FormData();
  form.set("file", file);
  if (transactionId) form.set("transactionId", transactionId);
  let res: Response;
  try {
    res = await fetch("/api/receipts", { method: "POST", body: form });
  } catch {
    return { ok: false, status: 0, message: "We couldn't reach the server. Check your connection and try again." };
  }
  const data = (await res.json().catch(() => null)) as { message?: string; receiptId: string; jobId: string } | null;
  if (res.ok && data) return { ok: true, data };
  return { ok: false, status: res.status, message: data?.message ?? `The upload failed (HTTP ${res.status}).` };
}

export const fetchReceipt = (id: string) => requestJson<{ receipt: Receipt }>("GET", `/api/receipts/${id}`);
export const fetchReceipts = (transactionId?: string) =>
  requestJson<{ receipts: Receipt[] }>("GET", `/api/receipts${transactionId ? `?transactionId=${encodeURIComponent(transactionId)}` : ""}`);
export const confirmReceiptFields = (id: string, body: Record<string, unknown>) =>
  requestJson<{ receipt: Receipt; jobId: string | null }>("PATCH", `/api/receipts/${id}`, body);
