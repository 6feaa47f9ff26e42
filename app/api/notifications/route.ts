// GET /api/notifications – the latest notifications and the unread count
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute } from "@/lib/http/handle-route";
import { listNotifications } from "@/lib/notifications/notifications";

const querySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const GET = authedRoute(async ({ req, user }) => {
  const { limit } = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listNotifications(user.id, limit));
});
