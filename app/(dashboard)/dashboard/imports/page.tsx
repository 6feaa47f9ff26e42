import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ImportsView, type ImportsPage as ImportsFirstPage } from "@/components/imports/imports-view";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { formatBytes } from "@/lib/imports/import-errors";
import { listImports } from "@/lib/imports/import-view";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");

  // The first page of the history comes with the HTML when we can; the client loads it otherwise.
  let initialPage: ImportsFirstPage | null = null;
  try {
    initialPage = await listImports(session.user.id);
  } catch (err) {
    log.warn({ err }, "imports: history not available at render time");
  }

  return <ImportsView initialPage={initialPage} maxSizeLabel={formatBytes(env().IMPORT_MAX_BYTES)} />;
}
