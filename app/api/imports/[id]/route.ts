// GET /api/imports/{id} – one import: { import }
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { getImport } from "@/lib/imports/import-view";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await getImport(user.id, params.id)));
