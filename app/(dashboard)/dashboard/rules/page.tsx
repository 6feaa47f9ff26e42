import type { Metadata } from "next";
import type { RuleInput } from "@/components/rules/rule-api";
import { RulesView } from "@/components/rules/rules-view";
import { CategoryKinds } from "@/components/categories/category-kinds";
import { requireUser } from "@/lib/auth/require-user";
import { listCategories } from "@/lib/categories/user-categories";
import { log } from "@/lib/log";
import { listTransactions } from "@/lib/transactions/list-transactions";

export const metadata: Metadata = { title: "Rules" };

/** How many recent transactions the category suggestions are gathered from (the API's page limit). */
const CATEGORY_SAMPLE = 200;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** "Create a rule from this transaction" links here with the rule to start from. */
function prefillFrom(params: Record<string, string | string[] | undefined>): Partial<RuleInput> | undefined {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string).slice(0, 200) : undefined);
  const field = one("field");
  const value = one("value");
  if (!value || (field !== "payee" && field !== "description")) return undefined;
  const operator = one("operator") === "contains" ? "contains" : "equals";
  return { field, operator, value, category: one("category")?.slice(0, 64) ?? "" };
}

export default async function RulesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const prefill = prefillFrom(await searchParams);

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

  // Each category's kind (spending, income, transfer), which the summary and budgets count by.
  const kinds = await listCategories(user.id).catch((err: unknown) => {
    log.warn({ err }, "rules: category kinds not available at render time");
    return null;
  });

  return (
    <>
      <RulesView initialCategories={categories} prefill={prefill} />
      {kinds ? <CategoryKinds initialCategories={kinds} /> : null}
    </>
  );
}
