import { z } from "zod";
import { MAX_AMOUNT_TEXT, isOverAmountBound, maxAmountText, parseDecimalAmount } from "../finance/money";

// Request shapes for transactions. Money arrives as a decimal string ("-12.34"); a JSON
// number is accepted too and read through its shortest decimal form, never summed as a float.

function isCalendarDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the format YYYY-MM-DD")
  .refine(isCalendarDate, "Not a calendar date")
  .refine((t) => t >= "1900-01-01" && t <= "2199-12-31", "Date out of range");

/** A decimal amount with up to two decimals, in minor units (budgets, receipts). */
export const amountSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const text = typeof value === "number" ? String(value) : value;
    const minor = parseDecimalAmount(text);
    if (minor === null && isOverAmountBound(text)) {
      ctx.addIssue({ code: "custom", message: `Amounts are limited to ±${MAX_AMOUNT_TEXT}` });
      return z.NEVER;
    }
    if (minor === null) {
      ctx.addIssue({ code: "custom", message: 'Use a decimal amount like "-12.34" (negative is money out)' });
      return z.NEVER;
    }
    return minor;
  });

/**
 * A transaction's amount as decimal text ("-12.34", "-1200" yen, "-1.234" dinar): its decimals
 * are checked against the account's currency when the transaction is written (lib/transactions).
 */
const transactionAmountSchema = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const text = (typeof value === "number" ? String(value) : value).trim();
    // Read with its own decimals (at most 4): the bound is checked in the account's currency
    // when the transaction is written; here "-9999999999999.99" must not be read as dinar.
    const decimals = Math.min(4, /\.(\d*)$/.exec(text)?.[1].length ?? 0);
    if (parseDecimalAmount(text, decimals) !== null) return text;
    ctx.addIssue({
      code: "custom",
      message: isOverAmountBound(text, decimals) ? `Amounts are limited to ±${maxAmountText(decimals)}` : 'Use a decimal amount like "-12.34" (negative is money out)',
    });
    return z.NEVER;
  });

const descriptionSchema = z.string().trim().min(1, "Describe the transaction").max(500);
const categorySchema = z.string().trim().min(1).max(64).nullable().optional();

export const createTransactionSchema = z.object({
  date: dateSchema,
  description: descriptionSchema,
  amount: transactionAmountSchema,
  category: categorySchema,
  /** The user's own note; blank clears it. */
  notes: z
    .string()
    .trim()
    .max(1000, "Keep the note under 1,000 characters")
    .nullable()
    .transform((v) => (v === "" ? null : v))
    .optional(),
  /** The user's account; the default "Cash" account when left out. */
  accountId: z.string().trim().min(1).max(100).optional(),
});

export const updateTransactionSchema = createTransactionSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type CreateTransactionInput = z.infer<typeof createTransactionSchema>;
export type UpdateTransactionInput = z.infer<typeof updateTransactionSchema>;
