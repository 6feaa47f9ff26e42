import { requestJson } from "@/components/transactions/transaction-api";
import type { BudgetView } from "@/lib/budgets/budgets";

// Browser-side calls to the budgets API and the period vocabulary.

export type Budget = BudgetView;
export type BudgetPeriod = BudgetView["period"];

export interface BudgetInput {
  title: string;
  /** Decimal string, e.g. "150.00". */
  amount: string;
  period: BudgetPeriod;
  rollingDays?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  categoryId?: string | null;
  keywords: string[];
  payees: string[];
  alertThresholdPercent: number;
}

export interface SavedBudget {
  budget: Budget;
  jobId: string | null;
  message: string;
}

export const PERIODS: { value: BudgetPeriod; label: string }[] = [
  { value: "monthly", label: "Monthly" },
  { value: "weekly", label: "Weekly (Mon–Sun)" },
  { value: "rolling", label: "Rolling days" },
  { value: "custom", label: "Fixed dates" },
];

export function fetchBudgets() {
  return requestJson<{ budgets: Budget[] }>("GET", "/api/budgets");
}

export function postBudget(input: BudgetInput) {
  return requestJson<SavedBudget>("POST", "/api/budgets", input);
}

export function patchBudget(id: string, input: Partial<BudgetInput>) {
  return requestJson<SavedBudget>("PATCH", `/api/budgets/${encodeURIComponent(id)}`, input);
}

export function removeBudget(id: string) {
  return requestJson<null>("DELETE", `/api/budgets/${encodeURIComponent(id)}`);
}

export function postBudgetRetry(id: string) {
  return requestJson<SavedBudget>("POST", `/api/budgets/${encodeURIComponent(id)}/retry`);
}

/** "coffee, Blue Bottle ,," → ["coffee", "Blue Bottle"]. */
export function splitTerms(text: string): string[] {
  return text
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}
