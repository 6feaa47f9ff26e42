import type { Metadata } from "next";
import { PAGE_SIZE, type TransactionPage } from "@/components/transactions/transaction-api";
import { TransactionsView } from "@/components/transactions/transactions-view";
import { requireUser } from "@/lib/auth/require-user";
import { log } from "@/lib/log";
import { listTransactions } from "@/lib/transactions/transactions";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage() {
  const user = await requireUser();

  // Render the first page with the HTML when we can; the client loads it itself otherwise.
  let initialPage: TransactionPage | null = null;
  try {
    const page = await listTransactions(user.id, { limit: PAGE_SIZE });
    initialPage = {
      transactions: page.transactions.map(
        ({ id, date, description, amount, category, payee, categorySource, categoryConfidence, needsReview, suggestedCategory, receiptCount }) => ({
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

  return <TransactionsView initialPage={initialPage} />;
}
