import { z } from "zod";
import { PermanentJobError } from "../errors";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";
import { closeOcrWorkers } from "../receipts/read-text";
import { onReceiptOcrFailed, runReceiptOcr } from "../receipts/run-receipt-ocr";

const payloadSchema = z.object({ userId: z.string().min(1), receiptId: z.string().min(1) });

const SAID = { matched: "matched a transaction", unmatched: "no transaction matched", needs_review: "fields to confirm" } as const;

// receipt-ocr: read one receipt and match it to a transaction.
export async function processReceiptOcr(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("receipt-ocr payload needs userId and receiptId");
  const outcome = await runReceiptOcr(parsed.data.userId, parsed.data.receiptId, ctx);
  return { result: outcome, message: `Receipt read: ${SAID[outcome.status]}` };
}

export { closeOcrWorkers as stopReceiptOcr, onReceiptOcrFailed };
