import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { requireUser } from "@/lib/auth/require-user";
import { listBudgets, type BudgetView } from "@/lib/budgets/budgets";
import { getForecastStatus, type ForecastStatus } from "@/lib/forecast/forecasts";
import { listActiveInsights, type InsightView } from "@/lib/insights/insights";
import { MONTH_PATTERN } from "@/lib/finance/summary";
import { log } from "@/lib/log";
import { getSummary, type SummaryView } from "@/lib/summary/get-summary";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ month?: string | string[] }> }) {
  const user = await requireUser();
  // ?month=YYYY-MM picks the month the summary shows; anything else is the current month.
  const asked = (await searchParams).month;
  const month = typeof asked === "string" && MONTH_PATTERN.test(asked) ? asked : null;

  // Render with data when we can; the client loads it itself if this fails.
  let summary: SummaryView | null = null;
  try {
    summary = await getSummary(user.id, new Date(), month ?? undefined);
  } catch (err) {
    log.warn({ err }, "dashboard: summary not available at render time");
  }

  // Insights, the forecast and budgets likewise: their panels load them (or, budgets, stay
  // hidden) when this fails.
  const [insights, forecast, budgets] = await Promise.all([
    listActiveInsights(user.id).catch((err: unknown): InsightView[] | null => {
      log.warn({ err }, "dashboard: insights not available at render time");
      return null;
    }),
    getForecastStatus(user.id).catch((err: unknown): ForecastStatus | null => {
      log.warn({ err }, "dashboard: forecast not available at render time");
      return null;
    }),
    listBudgets(user.id).catch((err: unknown): BudgetView[] | null => {
      log.warn({ err }, "dashboard: budgets not available at render time");
      return null;
    }),
  ]);

  // Keyed by month: picking another month starts the view from that month's summary.
  return <DashboardView key={month ?? "current"} initialSummary={summary} initialInsights={insights} initialForecast={forecast} budgets={budgets} month={month} />;
}
