import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { authOptions } from "@/lib/auth/options";
import { log } from "@/lib/log";
import { getSummary, type SummaryView } from "@/lib/summary/get-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");

  // Render with data when we can; the client loads it itself if this fails.
  let summary: SummaryView | null = null;
  try {
    summary = await getSummary(session.user.id);
  } catch (err) {
    log.warn({ err }, "dashboard: summary not available at render time");
  }

  return <DashboardView initialSummary={summary} />;
}
