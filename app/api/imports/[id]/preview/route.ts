// GET /api/imports/{id}/preview – the first rows as the current mapping reads them
// POST /api/imports/{id}/preview { mapping } – the same with an edited mapping (not saved)
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { previewImport } from "@/lib/imports/confirm-import";
import { checkedMapping } from "@/lib/imports/import-errors";
import { previewBodySchema } from "@/lib/imports/import-schemas";

export const GET = authedRoute(async ({ user, params }) => NextResponse.json(await previewImport(user.id, params.id)));

export const POST = authedRoute(async ({ req, user, params }) => {
  const { mapping } = await readJson(req, previewBodySchema);
  return NextResponse.json(await previewImport(user.id, params.id, checkedMapping(mapping)));
});
