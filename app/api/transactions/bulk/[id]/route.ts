// GET /api/transactions/bulk/{id} – a bulk action: what it matched, changed, refused and restored
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { getBulkAction } from "@/lib/transactions/bulk-actions";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json({ bulk: await getBulkAction(user.id, params.id) }));
