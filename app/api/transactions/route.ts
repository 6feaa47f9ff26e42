// GET /api/transactions?limit=&cursor= – the user's transactions, newest first
// POST /api/transactions – add one; the summary recompute is queued (jobId)
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { createTransactionSchema, listQuerySchema } from "@/lib/transactions/transaction-schemas";
import { createTransaction, listTransactions } from "@/lib/transactions/transactions";

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
