import type { Metadata } from "next";
import type { JobPage } from "@/components/jobs/job-api";
import { JOBS_PAGE_SIZE, parseJobFilters } from "@/components/jobs/filters";
import { JobsView } from "@/components/jobs/jobs-view";
import { requireUser } from "@/lib/auth/require-user";
import { log } from "@/lib/log";
import { listJobs } from "@/lib/queue/job-actions";
import { ALL_QUEUES } from "@/lib/jobs/job-names";

export const metadata: Metadata = { title: "Background jobs" };

export default async function BackgroundJobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const viewer = { id: user.id, role: user.role };
  const isAdmin = viewer.role === "ADMIN";
  const queueNames = [...ALL_QUEUES];
  const filters = parseJobFilters(await searchParams, queueNames);
  if (!isAdmin) filters.mine = false;

  // The first page comes with the HTML when we can; the client loads it itself otherwise.
  let initialPage: JobPage | null = null;
  try {
    initialPage = await listJobs(viewer, {
      status: filters.status ?? undefined,
      type: filters.type ?? undefined,
      limit: JOBS_PAGE_SIZE,
      mine: filters.mine,
    });
  } catch (err) {
    log.warn({ err }, "background jobs: first page not available at render time");
  }

  return <JobsView initialPage={initialPage} initialFilters={filters} queueNames={queueNames} isAdmin={isAdmin} viewerId={viewer.id} />;
}
