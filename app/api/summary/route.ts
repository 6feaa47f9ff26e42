// GET /api/summary?month=YYYY-MM – the user's financial summary (with the picked month's figures) and whether a recompute is under way
import { NextResponse } from "next/server";
import { z } from "zod";
import { MONTH_PATTERN } from "@/lib/finance/summary";
import { authedRoute } from "@/lib/http/handle-route";
import { getSummary } from "@/lib/summary/get-summary";

const querySchema = z.object({ month: z.string().regex(MONTH_PATTERN, "Expected a month as YYYY-MM").optional() });

export const GET = authedRoute(async ({ req, user }) => {
  const { month } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await getSummary(user.id, new Date(), month));
});
