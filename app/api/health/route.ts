// GET /api/health – database, Redis, queue depth, worker heartbeat; 503 when a dependency is down
import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/health/check-health";
import { publicRoute } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => {
  const report = await checkHealth();
  return NextResponse.json(report, { status: report.ok ? 200 : 503 });
});
