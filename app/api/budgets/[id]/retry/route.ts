// POST /api/budgets/{id}/retry – a budget whose processing failed: match its transactions again
import { NextResponse } from "next/server";
import { retryBudget } from "@/lib/budgets/budgets";
import { authedRoute } from "@/lib/http/handle-route";

export const POST = authedRoute(
  async ({ user, params }) => NextResponse.json(await retryBudget(user.id, params.id), { status: 202 }),
  { rateLimit: "enqueue" },
);
