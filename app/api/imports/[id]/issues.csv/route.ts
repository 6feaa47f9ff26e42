// GET /api/imports/{id}/issues.csv – every row not imported (line, kind, reason, raw) as a download
import { authedRoute } from "@/lib/http/handle-route";
import { streamBody } from "@/lib/imports/export-transactions";
import { issuesCsv } from "@/lib/imports/import-issues";

export const GET = authedRoute(async ({ user, params }) => {
  const { fileName, lines } = await issuesCsv(user.id, params.id);
  return new Response(streamBody(lines), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${fileName}"` },
  });
});
