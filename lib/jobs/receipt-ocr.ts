import { z } from "zod";
import { defineJob } from "../queue/define-job";
import { onReceiptOcrFailed, runReceiptOcr } from "../receipts/run-receipt-ocr";
import { QUEUE } from "./job-names";

const SAID = { matched: "matched a transaction", unmatched: "no transaction matched", needs_review: "fields to confirm" } as const;

// receipt-ocr: read one receipt and match it to a transaction. OCR is CPU-bound (3–15 s an
// image) and runs in tesseract's worker threads, which the worker closes on stop (lib/worker/).
export const receiptOcrJob = defineJob({
  name: QUEUE.receiptOcr,
  payload: z.object({ userId: z.string().min(1), receiptId: z.string().min(1) }),
  concurrency: 2,
  lockDurationMs: 120_000,
  async process({ userId, receiptId }, ctx) {
    const outcome = await runReceiptOcr(userId, receiptId, ctx);
    return { result: outcome, message: `Receipt read: ${SAID[outcome.status]}` };
  },
  // The receipt says it failed instead of staying "processing".
  onFailed: ({ receiptId }, error) => onReceiptOcrFailed(receiptId, error),
});
