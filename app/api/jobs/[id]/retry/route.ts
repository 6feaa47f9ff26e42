// POST /api/jobs/{id}/retry – run a failed or cancelled job again
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { ALL_QUEUES } from "@/lib/jobs/job-names";
import { retryJob } from "@/lib/queue/job-actions";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await retryJob(user, params.id, ALL_QUEUES), { status: 202 }), {
  rateLimit: "enqueue",
});
