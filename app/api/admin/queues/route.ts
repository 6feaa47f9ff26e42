// GET /api/admin/queues – per-queue counts, last hour's throughput and duration, live workers (admins)
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { ALL_QUEUES } from "@/lib/jobs/job-names";
import { queueOverview } from "@/lib/queue/monitor";

export const GET = authedRoute(async () => NextResponse.json(await queueOverview(ALL_QUEUES)), { adminOnly: true });
