// GET /api/budgets – the user's budgets, with the current period's numbers once ready
// POST /api/budgets – create one; answers 202 with the budget (processing) and its job id
import { NextResponse } from "next/server";
import { z } from "zod";
import { createBudget, listBudgets } from "@/lib/budgets/budgets";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user }) => NextResponse.json({ budgets: await listBudgets(user.id) }));

export const POST = authedRoute(
  async ({ req, user }) => NextResponse.json(await createBudget(user.id, await readJson(req, z.unknown())), { status: 202 }),
  { rateLimit: "enqueue" },
);
