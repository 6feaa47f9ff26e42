import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { ImportsView } from "@/components/imports/imports-view";
import { authOptions } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");
  // The history is loaded by the client (GET /api/imports): it re-reads running imports anyway.
  return <ImportsView initialPage={null} />;
}
