// POST /api/insights/{id}/dismiss – hide an insight for good (reruns do not bring it back)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { dismissInsight } from "@/lib/insights/insights";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await dismissInsight(user.id, params.id)));
