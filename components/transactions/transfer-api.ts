import type { TransferCandidateView, TransferPairView } from "@/lib/transfers/link-transfers";
import { requestJson, type ApiResult } from "./transaction-api";

// Browser-side calls for transfers: the other side's candidates, link by hand, unlink.

export type TransferCandidate = TransferCandidateView;

const base = (id: string) => `/api/transactions/${encodeURIComponent(id)}`;

export function fetchTransferCandidates(id: string): Promise<ApiResult<{ candidates: TransferCandidate[] }>> {
  return requestJson("GET", `${base(id)}/transfer-candidates`);
}

export function postTransferLink(id: string, peerId: string, allowCurrencyMismatch = false): Promise<ApiResult<{ transactions: TransferPairView[]; jobId: string | null }>> {
  return requestJson("POST", `${base(id)}/transfer`, { peerId, ...(allowCurrencyMismatch ? { allowCurrencyMismatch: true } : {}) });
}

export function deleteTransferLink(id: string): Promise<ApiResult<{ transactions: TransferPairView[]; jobId: string }>> {
  return requestJson("DELETE", `${base(id)}/transfer`);
}
