// POST /api/rules/applications/{id}/undo – put back the categories an application changed (a rule-apply job)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { startRuleUndo } from "@/lib/rules/rule-applications";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await startRuleUndo(user.id, params.id), { status: 202 }));
