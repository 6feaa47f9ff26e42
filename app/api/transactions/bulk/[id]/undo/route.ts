// POST /api/transactions/bulk/{id}/undo – put back exactly what a bulk action changed (deleted rows
//   with their ids): 200 when it ran inline, 202 with the undo job's id when it kept more rows
import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/handle-route";
import { startBulkUndo } from "@/lib/transactions/bulk-actions";

export const POST = authedRoute(
  async ({ user, params }) => {
    const started = await startBulkUndo(user.id, params.id);
    return NextResponse.json(started, { status: started.ran === "job" ? 202 : 200 });
  },
  { rateLimit: "enqueue" },
);
