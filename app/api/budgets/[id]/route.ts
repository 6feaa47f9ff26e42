// GET /api/budgets/{id} – one budget; PATCH – edit it (202 with a job id when what it matches
// changed, else 200); DELETE – remove it and its links and insights
import { NextResponse } from "next/server";
import { z } from "zod";
import { deleteBudget, getBudget, updateBudget } from "@/lib/budgets/budgets";
import { authedRoute, readJson } from "@/lib/http/handle-route";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json({ budget: await getBudget(user.id, params.id) }));

export const PATCH = authedRoute(
  async ({ req, user, params }) => {
    const saved = await updateBudget(user.id, params.id, await readJson(req, z.unknown()));
    return NextResponse.json(saved, { status: saved.jobId ? 202 : 200 });
  },
  { rateLimit: "enqueue" },
);

export const DELETE = authedRoute(async ({ user, params }) => {
  await deleteBudget(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});
