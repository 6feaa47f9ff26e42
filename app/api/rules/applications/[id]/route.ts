// GET /api/rules/applications/{id} – one "apply to existing transactions" run: status, changed, restored
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { getRuleApplication } from "@/lib/rules/rule-applications";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json({ application: await getRuleApplication(user.id, params.id) }));
