import { z } from "zod";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { amountSchema, dateSchema } from "../transactions/transaction-schemas";
import { createTransaction } from "../transactions/transactions";
import { findMatchingTransaction } from "./match-receipt";
import { getReceipt, type ReceiptView } from "./receipt-view";

// The person's word on a receipt: corrected fields (they become certain), a transaction to
// attach it to (or none), or a new transaction made from it when nothing matched.

export const confirmReceiptSchema = z
  .object({
    merchant: z.string().trim().min(1).max(120).optional(),
    date: dateSchema.optional(),
    total: amountSchema.refine((m) => m > 0n, "The total is a positive amount").optional(),
    currency: z.string().trim().regex(/^[A-Za-z]{3}$/, "A three-letter currency code").transform((c) => c.toUpperCase()).optional(),
    /** Attach to this transaction; null detaches. Absent: match by the (corrected) fields. */
    transactionId: z.string().min(1).nullable().optional(),
    /** Make a new transaction (money out of the total, on the date, described by the merchant). */
    createTransaction: z.literal(true).optional(),
  })
  .refine((v) => !(v.createTransaction && v.transactionId), "Either attach to a transaction or create one, not both");

export type ReceiptConfirmation = z.infer<typeof confirmReceiptSchema>;

const CERTAIN = { merchant: 1, date: 1, total: 1 };

export async function confirmReceipt(userId: string, id: string, change: ReceiptConfirmation): Promise<{ receipt: ReceiptView; jobId: string | null }> {
  const receipt = await db().receipt.findFirst({ where: { id, userId } });
  if (!receipt) throw notFound("Receipt");
  if (receipt.status === "queued" || receipt.status === "processing") throw new AppError("conflict", "The receipt is still being read");

  const merchant = change.merchant ?? receipt.merchant;
  const date = change.date ? new Date(`${change.date}T00:00:00Z`) : receipt.date;
  const totalMinor = change.total ?? receipt.totalMinor;
  let jobId: string | null = null;
  let transactionId: string | null;
  if (change.createTransaction) {
    if (!merchant || !date || totalMinor === null) throw new AppError("validation_failed", "Fill in merchant, date and total before creating the transaction");
    const created = await createTransaction(userId, { date: date.toISOString().slice(0, 10), description: merchant, amount: -totalMinor, category: undefined });
    transactionId = created.transaction.id;
    jobId = created.jobId;
  } else if (change.transactionId !== undefined) {
    transactionId = change.transactionId;
    if (transactionId && !(await db().transaction.findFirst({ where: { id: transactionId, userId }, select: { id: true } }))) throw notFound("Transaction");
  } else {
    transactionId = receipt.transactionId ?? (totalMinor !== null ? await findMatchingTransaction(db(), userId, totalMinor, date, receipt.createdAt) : null);
  }
  await db().receipt.update({
    where: { id },
    data: {
      merchant,
      date,
      totalMinor,
      currency: change.currency ?? receipt.currency,
      // What the person confirmed is certain.
      confidence: CERTAIN as unknown as Prisma.InputJsonValue,
      transactionId,
      status: transactionId ? "matched" : "unmatched",
    },
  });
  return { ...(await getReceipt(userId, id)), jobId };
}
