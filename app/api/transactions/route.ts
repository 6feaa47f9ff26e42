// GET /api/transactions?q=&accountId=&category=&uncategorized=1&review=1&transfer=0|1&from=&to=&min=&max=&sort=&limit=&cursor=
//   – a page of the matching transactions { transactions, nextCursor, total, totalIsCapped }
// POST /api/transactions – add one; the summary recompute is queued (jobId)
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { listQuerySchema } from "@/lib/transactions/list-query";
import { listTransactions } from "@/lib/transactions/list-transactions";
import { createTransactionSchema } from "@/lib/transactions/transaction-schemas";
import { createTransaction } from "@/lib/transactions/transactions";

export const GET = authedRoute(async ({ req, user }) => {
  const query = listQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listTransactions(user.id, query));
});

export const POST = authedRoute(
  async ({ req, user }) => {
    const input = await readJson(req, createTransactionSchema);
    return NextResponse.json(await createTransaction(user.id, input), { status: 201 });
  },
  { rateLimit: "enqueue" },
);
