// POST /api/transactions/{id}/transfer – link it with another transaction as one transfer;
// DELETE – unlink its transfer (the matching job never pairs the two again).
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { linkTransfer, unlinkTransfer } from "@/lib/transfers/link-transfers";
import { linkTransferSchema } from "@/lib/transfers/transfer-schemas";

export const POST = authedRoute(
  async ({ req, user, params }) => {
    const input = await readJson(req, linkTransferSchema);
    return NextResponse.json(await linkTransfer(user.id, { id: params.id, ...input }));
  },
  { rateLimit: "enqueue" },
);

export const DELETE = authedRoute(
  async ({ user, params }) => NextResponse.json(await unlinkTransfer(user.id, params.id)),
  { rateLimit: "enqueue" },
);
