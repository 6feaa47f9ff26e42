// GET /api/imports/{id}/issues?kind=error|skipped&cursor= – rows not imported, by line
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { listIssues } from "@/lib/imports/import-issues";
import { issuesQuerySchema } from "@/lib/imports/import-schemas";

export const GET = authedRoute(async ({ req, user, params }) => {
  const query = issuesQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listIssues(user.id, params.id, query));
});
