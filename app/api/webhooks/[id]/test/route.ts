// POST /api/webhooks/{id}/test – send a test event to this endpoint: 202 { eventId, jobId }
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { sendTestEvent } from "@/lib/webhooks/manage-endpoints";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await sendTestEvent(user.id, params.id), { status: 202 }), {
  rateLimit: "enqueue",
});
