import type { Metadata } from "next";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { requireUser } from "@/lib/auth/require-user";
import { listBudgets, listCategoryOptions, type BudgetView } from "@/lib/budgets/budgets";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const user = await requireUser();

  // Rendered with the HTML when the database answers; the client loads the list itself otherwise.
  let budgets: BudgetView[] | null = null;
  let categories: { id: string; name: string }[] = [];
  try {
    [budgets, categories] = await Promise.all([listBudgets(user.id), listCategoryOptions(user.id)]);
  } catch (err) {
    log.warn({ err }, "budgets: not available at render time");
  }
  return <BudgetsView initialBudgets={budgets} categories={categories} />;
}
