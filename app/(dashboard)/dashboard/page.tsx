import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requireUser } from "@/lib/auth/require-user";
import { getForecastStatus, type ForecastStatus } from "@/lib/forecast/forecasts";
import { listActiveInsights, type InsightView } from "@/lib/insights/insights";
import { log } from "@/lib/log";
import { getSummary, type SummaryView } from "@/lib/summary/get-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();

  // Render with data when we can; the client loads it itself if this fails.
  let summary: SummaryView | null = null;
  try {
    summary = await getSummary(user.id);
  } catch (err) {
    log.warn({ err }, "dashboard: summary not available at render time");
  }

  // Insights and the forecast likewise: their panels load them when this fails.
  const [insights, forecast] = await Promise.all([
    listActiveInsights(user.id).catch((err: unknown): InsightView[] | null => {
      log.warn({ err }, "dashboard: insights not available at render time");
      return null;
    }),
    getForecastStatus(user.id).catch((err: unknown): ForecastStatus | null => {
      log.warn({ err }, "dashboard: forecast not available at render time");
      return null;
    }),
  ]);

  return <DashboardView initialSummary={summary} initialInsights={insights} initialForecast={forecast} />;
}
