import type { Metadata } from "next";
import { RulesView } from "@/components/rules/rules-view";
import { requireUser } from "@/lib/auth/require-user";
import { log } from "@/lib/log";
import { listTransactions } from "@/lib/transactions/list-transactions";

export const metadata: Metadata = { title: "Rules" };

/** How many recent transactions the category suggestions are gathered from (the API's page limit). */
const CATEGORY_SAMPLE = 200;

export default async function RulesPage() {
  const user = await requireUser();

  // The category field suggests the categories the user's recent transactions use.
  let categories: string[] = [];
  try {
    const page = await listTransactions(user.id, { limit: CATEGORY_SAMPLE });
    categories = [...new Set(page.transactions.map((t) => t.category).filter((c): c is string => Boolean(c)))].sort((a, b) =>
      a.localeCompare(b),
    );
  } catch (err) {
    log.warn({ err }, "rules: categories not available at render time");
  }

  return <RulesView initialCategories={categories} />;
}
