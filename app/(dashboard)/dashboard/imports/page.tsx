import type { Metadata } from "next";
import { ImportsView, type ImportsPage as ImportsFirstPage } from "@/components/imports/imports-view";
import { requireUser } from "@/lib/auth/require-user";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/imports/import-errors";
import { listImports } from "@/lib/imports/import-view";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const user = await requireUser();

  // The first page of the history comes with the HTML when we can; the client loads it otherwise.
  let initialPage: ImportsFirstPage | null = null;
  try {
    initialPage = await listImports(user.id);
  } catch (err) {
    log.warn({ err }, "imports: history not available at render time");
  }

  return <ImportsView initialPage={initialPage} maxSizeLabel={formatBytes(env().IMPORT_MAX_BYTES)} />;
}
