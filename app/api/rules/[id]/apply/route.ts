// POST /api/rules/{id}/apply – re-categorize the existing transactions the rule takes (a rule-apply job)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { startRuleApplication } from "@/lib/rules/rule-applications";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await startRuleApplication(user.id, params.id), { status: 202 }));
