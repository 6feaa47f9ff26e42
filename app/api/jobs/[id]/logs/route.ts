// GET /api/jobs/{id}/logs?after= – the job's log lines, oldest first (poll with after=<last id>)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { listJobLogs } from "@/lib/queue/job-actions";

export const GET = authedRoute(async ({ req, user, params }) => {
  const after = req.nextUrl.searchParams.get("after") ?? undefined;
  return NextResponse.json(await listJobLogs(user, params.id, after));
});
