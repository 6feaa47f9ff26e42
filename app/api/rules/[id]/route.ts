// PATCH /api/rules/{id} – edit a rule; DELETE – remove it
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { deleteRule, updateRule } from "@/lib/rules/user-rules";

export const PATCH = authedRoute(async ({ req, user, params }) =>
  NextResponse.json({ rule: await updateRule(user.id, params.id, await readJson(req, z.record(z.string(), z.unknown()))) }),
);

export const DELETE = authedRoute(async ({ user, params }) => {
  await deleteRule(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});
