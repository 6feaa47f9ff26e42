// PATCH /api/webhooks/{id} – turn on or off, change its events: { endpoint }
// DELETE /api/webhooks/{id} – remove it: 204
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { deleteEndpoint, updateEndpoint, updateEndpointSchema } from "@/lib/webhooks/manage-endpoints";

export const PATCH = authedRoute(async ({ req, user, params }) =>
  NextResponse.json(await updateEndpoint(user.id, params.id, await readJson(req, updateEndpointSchema))),
);

export const DELETE = authedRoute(async ({ user, params }) => {
  await deleteEndpoint(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});
