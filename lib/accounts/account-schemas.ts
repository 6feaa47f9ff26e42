import { z } from "zod";
import { amountSchema, dateSchema } from "../transactions/transaction-schemas";

// Request shapes of /api/accounts. Money arrives as a decimal string, like transactions.

export const ACCOUNT_TYPES = ["checking", "savings", "credit_card", "cash", "loan"] as const;

const currencySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, "Use an ISO 4217 code such as USD or EUR")
  .transform((c) => c.toUpperCase());

export const createAccountSchema = z.object({
  name: z.string().trim().min(1, "Name the account").max(100),
  institution: z.string().trim().max(100).nullable().optional(),
  type: z.enum(ACCOUNT_TYPES).optional(),
  currency: currencySchema.optional(),
  openingBalance: amountSchema.optional(),
  openingDate: dateSchema.nullable().optional(),
});

export const updateAccountSchema = createAccountSchema
  .extend({ archived: z.boolean().optional() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type CreateAccountInput = z.infer<typeof createAccountSchema>;
export type UpdateAccountInput = z.infer<typeof updateAccountSchema>;
