import { z } from "zod";
import { dateSchema } from "../transactions/transaction-schemas";

// Request shapes of the import and account routes. A mapping arrives as any JSON and is
// checked by checkedMapping (validateMapping's problems, in words).

export const previewBodySchema = z.object({ mapping: z.unknown() });

export const confirmBodySchema = z.object({
  mapping: z.unknown().optional(),
  dedupe: z.boolean().optional(),
});

export const listImportsQuerySchema = z.object({ cursor: z.string().min(1).max(200).optional() });

export const issuesQuerySchema = z.object({
  kind: z.enum(["error", "skipped"]).optional(),
  cursor: z.string().min(1).max(20).optional(),
});

export const createAccountSchema = z.object({
  name: z.string().trim().min(1, "Name the account").max(100),
  institution: z.string().trim().max(100).nullable().optional(),
});

export const exportQuerySchema = z
  .object({
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    accountId: z.string().min(1).max(100).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["to"] });

/** The upload's optional text fields. */
export const uploadFieldsSchema = z.object({
  accountId: z.string().trim().min(1).max(100).optional(),
  accountName: z.string().trim().min(1).max(100).optional(),
  autoConfirm: z.enum(["true", "false"]).optional(),
  dedupe: z.enum(["true", "false"]).optional(),
});

/** The upload check's fields: whether the part sent is the whole file. */
export const uploadCheckFieldsSchema = z.object({ complete: z.enum(["true", "false"]).optional() });
