// GET|POST /api/cron/process-financial-summary-queue – cron-job.org (?token=) and Vercel
// Cron (Authorization: Bearer): re-queue lost jobs, request stale summaries, report queues.
import { NextResponse } from "next/server";
import { authorizeCron } from "@/lib/cron/authorize-cron";
import { publicRoute } from "@/lib/http/handle-route";
import { reconcileJobs } from "@/lib/worker/reconcile-jobs";

export const dynamic = "force-dynamic";

const handler = publicRoute(async ({ req }) => {
  authorizeCron(req.nextUrl, req.headers.get("authorization"));
  const report = await reconcileJobs();
  return NextResponse.json({ ok: true, at: new Date().toISOString(), ...report });
});

export { handler as GET, handler as POST };
