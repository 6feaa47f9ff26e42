// POST /api/imports/{id}/undo – remove exactly the transactions this import added: 202 { jobId }
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { startUndoImport } from "@/lib/imports/undo-import";

export const POST = authedRoute(
  async ({ user, params }) => NextResponse.json(await startUndoImport(user.id, params.id), { status: 202 }),
  { rateLimit: "enqueue" },
);
