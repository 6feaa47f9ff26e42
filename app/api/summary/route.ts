// GET /api/summary – the user's financial summary and whether a recompute is under way
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { getSummary } from "@/lib/summary/get-summary";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await getSummary(user.id)));
