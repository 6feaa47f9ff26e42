// GET /api/transactions/export?from=&to=&accountId= – the user's transactions as a CSV download,
// streamed in batches (cells that a spreadsheet would run as formulas are escaped)
import { authedRoute } from "@/lib/http/handle-route";
import { exportTransactions, streamBody } from "@/lib/imports/export-transactions";
import { exportQuerySchema } from "@/lib/imports/import-schemas";

export const GET = authedRoute(async ({ req, user }) => {
  const query = exportQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  const { fileName, chunks } = await exportTransactions(user.id, query);
  return new Response(streamBody(chunks), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
});
