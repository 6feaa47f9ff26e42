import { createJobRow, type Tx } from "../queue/background-jobs";
import { dispatchJob } from "../queue/dispatch-job";
import { QUEUE } from "../queue/names";

// The one place lib/receipts asks the queue for work (the job layer's typed request helper
// can replace these two functions).

/** The receipt-ocr job row, inside the caller's transaction. */
export async function requestReceiptOcr(tx: Tx, userId: string, receiptId: string): Promise<string> {
  const job = await createJobRow(tx, { type: QUEUE.receiptOcr, userId, payload: { receiptId } });
  return job.id;
}

/** After commit: add the Bull job (the reconciler covers a miss). */
export async function dispatchReceiptOcr(userId: string, jobId: string): Promise<void> {
  await dispatchJob({ id: jobId, type: QUEUE.receiptOcr, userId, runAfter: new Date() });
}
