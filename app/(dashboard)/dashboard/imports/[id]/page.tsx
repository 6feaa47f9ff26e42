import type { Metadata } from "next";
import { ImportDetailView } from "@/components/imports/import-detail-view";
import { requireUser } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  // The layout signs the visitor in; this page must not render its shell for anyone else either.
  await requireUser();
  const { id } = await params;
  return <ImportDetailView key={id} importId={id} />;
}
