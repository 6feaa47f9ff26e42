// POST /api/imports/{id}/confirm { mapping?, dedupe? } – save the mapping (and a template for
// the next file like it) and start the import: 202 { jobId, import }
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { confirmImport } from "@/lib/imports/confirm-import";
import { checkedMapping } from "@/lib/imports/import-errors";
import { confirmBodySchema } from "@/lib/imports/import-schemas";

export const POST = authedRoute(
  async ({ req, user, params }) => {
    const body = await readJson(req, confirmBodySchema);
    const mapping = body.mapping === undefined ? undefined : checkedMapping(body.mapping);
    return NextResponse.json(await confirmImport(user.id, params.id, { mapping, dedupe: body.dedupe }), { status: 202 });
  },
  { rateLimit: "enqueue" },
);
