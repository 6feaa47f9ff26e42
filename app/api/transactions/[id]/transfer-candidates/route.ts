// GET /api/transactions/{id}/transfer-candidates – transactions that could be its transfer's other side
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { transferCandidates } from "@/lib/transfers/link-transfers";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await transferCandidates(user.id, params.id)));
