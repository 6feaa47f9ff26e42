// PATCH /api/transactions/{id} – edit; DELETE – remove. Both queue a summary recompute.
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { updateTransactionSchema } from "@/lib/transactions/transaction-schemas";
import { deleteTransaction, updateTransaction } from "@/lib/transactions/transactions";

export const PATCH = authedRoute(
  async ({ req, user, params }) => {
    const input = await readJson(req, updateTransactionSchema);
    return NextResponse.json(await updateTransaction(user.id, params.id, input));
  },
  { rateLimit: "enqueue" },
);

export const DELETE = authedRoute(
  async ({ user, params }) => NextResponse.json(await deleteTransaction(user.id, params.id)),
  { rateLimit: "enqueue" },
);
