// GET /api/insights – the user's active insights (not dismissed, not expired)
// POST /api/insights – generate insights now (202 { jobId }); the daily run does it at 03:00
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { listActiveInsights, startInsightGeneration } from "@/lib/insights/insights";

export const GET = authedRoute(async ({ user }) => NextResponse.json({ insights: await listActiveInsights(user.id) }));

export const POST = authedRoute(async ({ user }) => NextResponse.json(await startInsightGeneration(user.id), { status: 202 }), {
  rateLimit: "enqueue",
});
