import { z } from "zod";
import { dateSchema } from "../transactions/transaction-schemas";

// Request shapes of /api/accounts. Money arrives as a decimal string, like transactions; it is
// read in lib/accounts/accounts.ts with the decimals of the account's currency (JPY 0, BHD 3).

export const ACCOUNT_TYPES = ["checking", "savings", "credit_card", "cash", "loan"] as const;

const currencySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use an ISO 4217 code such as USD or EUR")
  .transform((c) => c.toUpperCase());

/** A decimal like "-12.34" (its decimals are checked against the currency later). */
const openingBalanceSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? String(v) : v).trim())
  .refine((t) => /^[+-]?\d{1,13}(?:\.\d{1,4})?$/.test(t), 'Use a decimal amount like "1200.50" (negative for a card or loan balance owed)');

/** The bank's account number or IBAN, spaces removed; "" clears it. */
const numberSchema = z
  .string()
  .trim()
  .max(64, "Use at most 64 characters")
  .transform((n) => n.replace(/\s+/g, "").toUpperCase())
  .refine((n) => n === "" || /^[A-Z0-9/.\-]+$/.test(n), "Use letters, digits, / . or - (an account number or IBAN)")
  .transform((n) => (n === "" ? null : n))
  .nullable();

export const createAccountSchema = z.object({
  name: z.string().trim().min(1, "Name the account").max(100, "Use at most 100 characters"),
  institution: z.string().trim().max(100, "Use at most 100 characters").nullable().optional().transform((v) => (v === "" ? null : v)),
  type: z.enum(ACCOUNT_TYPES, "Pick checking, savings, credit card, cash or loan").optional(),
  currency: currencySchema.optional(),
  openingBalance: openingBalanceSchema.optional(),
  openingDate: dateSchema.nullable().optional(),
  number: numberSchema.optional(),
});

export const updateAccountSchema = createAccountSchema
  .extend({ archived: z.boolean().optional() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type CreateAccountInput = z.infer<typeof createAccountSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
