// POST /api/rules/preview – which of the user's transactions a draft rule would change (before saving)
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { previewRuleInput } from "@/lib/rules/user-rules";

const body = z.object({ rule: z.unknown(), ruleId: z.string().min(1).max(64).optional() });

export const POST = authedRoute(async ({ req, user }) => {
  const { rule, ruleId } = await readJson(req, body);
  return NextResponse.json({ preview: await previewRuleInput(user.id, rule, ruleId) });
});
