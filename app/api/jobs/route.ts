// GET /api/jobs?status=&type=&limit=&cursor=&mine= – the user's jobs, newest first (admins: everyone's)
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute } from "@/lib/http/handle-route";
import { listJobs } from "@/lib/queue/job-actions";
import { ALL_QUEUES } from "@/lib/jobs/job-names";

const querySchema = z.object({
  status: z.enum(["pending", "running", "completed", "failed", "cancelled"]).optional(),
  type: z.enum(ALL_QUEUES as [string, ...string[]]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).optional(),
  mine: z.enum(["1", "true"]).optional(),
});

export const GET = authedRoute(async ({ req, user }) => {
  const query = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listJobs(user, { ...query, mine: Boolean(query.mine) }));
});
