import type { BulkActionInput } from "@/lib/transactions/bulk-action-input";
import type { BulkActionStarted } from "@/lib/transactions/bulk-actions";
import { requestJson } from "./transaction-api";

// Browser-side calls to the bulk actions API: 200 when the action ran in the request, 202 with
// a bulk-action job id (ran: "job") when it covers more rows than BULK_INLINE_LIMIT.

export type BulkStarted = BulkActionStarted;
export type BulkRequest = BulkActionInput;

export function postBulkAction(input: BulkRequest) {
  return requestJson<BulkStarted>("POST", "/api/transactions/bulk", input);
}

export function postBulkUndo(id: string) {
  return requestJson<BulkStarted>("POST", `/api/transactions/bulk/${encodeURIComponent(id)}/undo`);
}
