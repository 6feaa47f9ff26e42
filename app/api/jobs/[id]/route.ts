// GET /api/jobs/{id} – one background job's status and progress (the dashboard polls this)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { getJobForUser } from "@/lib/queue/job-view";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await getJobForUser(user, params.id)));
