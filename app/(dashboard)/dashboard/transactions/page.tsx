import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { PAGE_SIZE, type TransactionPage } from "@/components/transactions/api";
import { TransactionsView } from "@/components/transactions/transactions-view";
import { authOptions } from "@/lib/auth/options";
import { log } from "@/lib/log";
import { listTransactions } from "@/lib/transactions/transactions";

export const metadata: Metadata = { title: "Transactions" };

export default async function TransactionsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");

  // Render the first page with the HTML when we can; the client loads it itself otherwise.
  let initialPage: TransactionPage | null = null;
  try {
    const page = await listTransactions(session.user.id, { limit: PAGE_SIZE });
    initialPage = {
      transactions: page.transactions.map(
        ({ id, date, description, amount, category, payee, categorySource, categoryConfidence, needsReview, suggestedCategory }) => ({
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
