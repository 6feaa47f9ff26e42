// POST /api/transactions/bulk – set category, set account, delete or mark reviewed on chosen rows
//   ({ selection: { ids } }) or on everything the list's filter matches ({ selection: { filter } }):
//   200 with the result when it ran inline (≤ BULK_INLINE_LIMIT rows), else 202 with its job id
import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { bulkActionSchema } from "@/lib/transactions/bulk-action-input";
import { startBulkAction } from "@/lib/transactions/bulk-actions";

export const POST = authedRoute(
  async ({ req, user }) => {
    const started = await startBulkAction(user.id, await readJson(req, bulkActionSchema));
    return NextResponse.json(started, { status: started.ran === "job" ? 202 : 200 });
  },
  { rateLimit: "enqueue" },
);
