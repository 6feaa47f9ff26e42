import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { BudgetsView } from "@/components/budgets/budgets-view";
import { authOptions } from "@/lib/auth/options";
import { listBudgets, listCategoryOptions, type BudgetView } from "@/lib/budgets/budgets";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Budgets" };

export default async function BudgetsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");

  // Rendered with the HTML when the database answers; the client loads the list itself otherwise.
  let budgets: BudgetView[] | null = null;
  let categories: { id: string; name: string }[] = [];
  try {
    [budgets, categories] = await Promise.all([listBudgets(session.user.id), listCategoryOptions(session.user.id)]);
  } catch (err) {
    log.warn({ err }, "budgets: not available at render time");
  }
  return <BudgetsView initialBudgets={budgets} categories={categories} />;
}
