// GET /api/rules – the user's categorization rules in order; POST – add one (at the end)
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { createRule, listRules } from "@/lib/rules/user-rules";
import { z } from "zod";

export const GET = authedRoute(async ({ user }) => NextResponse.json({ rules: await listRules(user.id) }));

export const POST = authedRoute(async ({ req, user }) =>
  NextResponse.json({ rule: await createRule(user.id, await readJson(req, z.unknown())) }, { status: 201 }),
);
