import { z } from "zod";
import { amountSchema, dateSchema } from "../transactions/transaction-schemas";

// Request shapes for budgets. The cross-field rules (a rolling budget needs its days, a
// custom one its dates in order, every budget some criteria) run on the whole budget: on a
// create's body, and on an edit merged over the stored budget.

export const BUDGET_PERIODS = ["monthly", "weekly", "rolling", "custom"] as const;

const termsSchema = z.array(z.string().trim().min(1, "Leave out empty terms").max(100, "Use at most 100 characters")).max(50, "Use at most 50 terms");

const budgetFields = {
  title: z.string().trim().min(1, "Give the budget a title").max(100, "Use at most 100 characters"),
  amount: amountSchema.refine((minor) => minor > 0n, "Use an amount above zero"),
  period: z.enum(BUDGET_PERIODS, { message: "Choose monthly, weekly, rolling or custom" }),
  rollingDays: z.coerce.number().int("Use whole days").min(1, "Use 1 to 366 days").max(366, "Use 1 to 366 days").nullish(),
  startDate: dateSchema.nullish(),
  endDate: dateSchema.nullish(),
  categoryId: z.string().min(1).nullish(),
  /** A category by name (created when the user has none by that name). */
  category: z.string().trim().min(1).max(64).nullish(),
  keywords: termsSchema.optional(),
  payees: termsSchema.optional(),
  alertThresholdPercent: z.coerce.number().int("Use a whole percent").min(1, "Use 1 to 100 %").max(100, "Use 1 to 100 %").optional(),
};

type BudgetShape = {
  period: (typeof BUDGET_PERIODS)[number];
  rollingDays?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  categoryId?: string | null;
  category?: string | null;
  keywords?: string[];
  payees?: string[];
};

function checkBudget(v: BudgetShape, ctx: z.RefinementCtx) {
  if (v.period === "rolling" && !v.rollingDays) ctx.addIssue({ code: "custom", path: ["rollingDays"], message: "A rolling budget needs its number of days (1–366)" });
  if (v.period === "custom") {
    if (!v.startDate) ctx.addIssue({ code: "custom", path: ["startDate"], message: "A custom budget needs a start date" });
    if (!v.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "A custom budget needs an end date" });
    if (v.startDate && v.endDate && v.startDate > v.endDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date must be on or after the start date" });
  }
  const hasTerms = (v.keywords?.length ?? 0) > 0 || (v.payees?.length ?? 0) > 0;
  if (!v.categoryId && !v.category && !hasTerms) {
    ctx.addIssue({ code: "custom", path: ["criteria"], message: "Choose a category or add at least one keyword or payee" });
  }
}

export const createBudgetSchema = z.object(budgetFields).superRefine(checkBudget);

/** An edit: any of the fields; `null` clears an optional one. Checked again once merged. */
export const updateBudgetSchema = z
  .object(budgetFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to update");

export type CreateBudgetInput = z.infer<typeof createBudgetSchema>;
export type UpdateBudgetInput = z.infer<typeof updateBudgetSchema>;

export { checkBudget };
