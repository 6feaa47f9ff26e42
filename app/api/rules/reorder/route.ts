// POST /api/rules/reorder { ids } – every rule id of the user, in the new order
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { reorderRules } from "@/lib/rules/user-rules";

const bodySchema = z.object({ ids: z.array(z.string().min(1)).max(1000) });

export const POST = authedRoute(async ({ req, user }) =>
  NextResponse.json({ rules: await reorderRules(user.id, (await readJson(req, bodySchema)).ids) }),
);
