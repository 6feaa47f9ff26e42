// POST /api/notifications/read { ids } | { all: true } – mark notifications read
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { markNotificationsRead } from "@/lib/notifications/notifications";

const bodySchema = z.union([
  z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }),
  z.object({ all: z.literal(true) }),
]);

export const POST = authedRoute(async ({ req, user }) => {
  const body = await readJson(req, bodySchema);
  const updated = await markNotificationsRead(user.id, "all" in body ? "all" : body.ids);
  return NextResponse.json({ updated });
});
