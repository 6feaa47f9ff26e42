// GET /api/webhooks – the user's endpoints with their recent deliveries: { endpoints }
// POST /api/webhooks – add one ({ url, events }): 201 { endpoint, secret } (the secret is shown this once)
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { createEndpoint, createEndpointSchema, listEndpoints } from "@/lib/webhooks/manage-endpoints";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await listEndpoints(user.id)));

export const POST = authedRoute(async ({ req, user }) =>
  NextResponse.json(await createEndpoint(user.id, await readJson(req, createEndpointSchema)), { status: 201 }),
);
