import type { Metadata } from "next";
import Link from "next/link";
import { PAGE_SIZE, type AccountChoice, type TransactionPage } from "@/components/transactions/transaction-api";
import { TransactionsView } from "@/components/transactions/transactions-view";
import { listAccounts } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/require-user";
import { log } from "@/lib/log";
import { listTransactions } from "@/lib/transactions/list-transactions";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<{ accountId?: string | string[] }> }) {
  const user = await requireUser();
  const requested = (await searchParams).accountId;

  // Render the first page with the HTML when we can; the client loads it itself otherwise.
  let initialPage: TransactionPage | null = null;
  let accounts: AccountChoice[] = [];
  let account: AccountChoice | null = null;
  try {
    const all = (await listAccounts(user.id)).accounts;
    accounts = all.filter((a) => !a.archived).map(({ id, name }) => ({ id, name }));
    const found = typeof requested === "string" ? all.find((a) => a.id === requested) : undefined;
    account = found ? { id: found.id, name: found.name } : null;
    const page = await listTransactions(user.id, { limit: PAGE_SIZE, accountId: account?.id });
    initialPage = {
      transactions: page.transactions.map(
        ({ id, date, description, amount, category, payee, categorySource, categoryConfidence, needsReview, suggestedCategory, accountId, accountName, receiptCount }) => ({
          id,
          date,
          description,
          amount,
          category,
          payee,
          categorySource,
          categoryConfidence,
          needsReview,
          suggestedCategory,
          accountId,
          accountName,
          // The row's receipt icon: without it a reload showed no receipt on any row.
          receiptCount,
        }),
      ),
      nextCursor: page.nextCursor,
      total: page.total,
    };
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
      <TransactionsView key={account?.id ?? "all"} initialPage={initialPage} accounts={accounts} account={account} />
    </>
  );
}
