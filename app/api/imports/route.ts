// GET /api/imports?cursor= – the user's imports, newest first: { imports, nextCursor }
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { listImports } from "@/lib/imports/import-view";
import { listImportsQuerySchema } from "@/lib/imports/import-schemas";

export const GET = authedRoute(async ({ req, user }) => {
  const { cursor } = listImportsQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return NextResponse.json(await listImports(user.id, cursor));
});
