import type { Metadata } from "next";
import Link from "next/link";
import { PAGE_SIZE, type AccountChoice, type TransactionPage } from "@/components/transactions/transaction-api";
import { filterFromParams } from "@/components/transactions/filter-values";
import { TransactionsView } from "@/components/transactions/transactions-view";
import { listAccountChoices } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/require-user";
import { listCategoryOptions } from "@/lib/budgets/budgets";
import { log } from "@/lib/log";
import { listQuerySchema, listSearchParams } from "@/lib/transactions/list-query";
import { listTransactions } from "@/lib/transactions/list-transactions";

export const metadata: Metadata = { title: "Transactions" };

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The URL's filter (the list API's names, issue 14). A value that does not parse (an old
 * bookmark, a hand-edited URL) is dropped and its message shown beside its field.
 */
function readFilter(params: SearchParams) {
  const filter = filterFromParams(params);
  const errors: Record<string, string[]> = {};
  let parsed = listQuerySchema.safeParse(Object.fromEntries(listSearchParams({ ...filter })));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_");
      (errors[key] ??= []).push(issue.message);
      if (key in filter) filter[key as keyof typeof filter] = "";
    }
    parsed = listQuerySchema.safeParse(Object.fromEntries(listSearchParams({ ...filter })));
  }
  return { filter, errors, ok: parsed.success };
}

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const { filter, errors, ok } = readFilter(await searchParams);

  // Render the first page with the HTML when we can; the client loads it itself otherwise.
  let initialPage: TransactionPage | null = null;
  let accounts: AccountChoice[] = [];
  let account: AccountChoice | null = null;
  let categoryOptions: { id: string; name: string }[] = [];
  try {
    const [all, categories, page] = await Promise.all([
      listAccountChoices(user.id),
      listCategoryOptions(user.id),
      ok ? listTransactions(user.id, { ...Object.fromEntries(listSearchParams({ ...filter })), limit: PAGE_SIZE }) : null,
    ]);
    accounts = all.filter((a) => !a.archived).map(({ id, name }) => ({ id, name }));
    categoryOptions = categories;
    const found = filter.accountId ? all.find((a) => a.id === filter.accountId) : undefined;
    account = found ? { id: found.id, name: found.name } : null;
    if (page) {
      initialPage = {
        transactions: page.transactions.map(
          ({ id, date, description, amount, category, payee, notes, categorySource, categoryConfidence, needsReview, suggestedCategory, accountId, accountName, currency, receiptCount, transfer }) => ({
            id,
            date,
            description,
            amount,
            category,
            payee,
            notes,
            categorySource,
            categoryConfidence,
            needsReview,
            suggestedCategory,
            accountId,
            accountName,
            currency,
            // The row's receipt icon: without it a reload showed no receipt on any row.
            receiptCount,
            transfer,
          }),
        ),
        nextCursor: page.nextCursor,
        total: page.total,
        totalIsCapped: page.totalIsCapped,
      };
    }
  } catch (err) {
    log.warn({ err }, "transactions: first page not available at render time");
  }

  return (
    <>
      {account ? (
        <p className="mb-4 rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="account-filter">
          Showing the transactions of <strong>{account.name}</strong>.{" "}
          <Link href="/dashboard/transactions" className="font-medium underline underline-offset-2">
            Show all accounts
          </Link>
        </p>
      ) : null}
      <TransactionsView
        initialPage={initialPage}
        accounts={accounts}
        account={account}
        filter={filter}
        filterErrors={errors}
        categoryOptions={categoryOptions}
      />
    </>
  );
}
