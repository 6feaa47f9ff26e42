// POST /api/jobs/{id}/cancel – cancel a pending job, or ask a running one to stop at its next item
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { cancelJob } from "@/lib/queue/job-actions";

export const POST = authedRoute(async ({ user, params }) => NextResponse.json(await cancelJob(user, params.id)));
