import { useEffect, useState } from "react";
import type { JobView } from "@/lib/queue/job-view";

// Polls GET /api/jobs/{id} until the job reaches a final state. Client-side only: this
// module imports nothing but React and types, so client components can use it.
//
// Schedule: the first poll goes out at once, then one every 1000 ms; after every 5 polls
// the gap grows by 1.5× (1000 → 1500 → 2250 → 3375 → 5000 cap). The next poll is timed
// from the moment the previous answer arrived, so requests never overlap. A 404 or a
// network error does not stop polling (a freshly queued job may not be visible yet); the
// error is exposed and the schedule carries on.

export type JobStatus = JobView["status"];

export const FINAL_JOB_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(["completed", "failed", "cancelled"]);

export const POLL_INITIAL_MS = 1000;
export const POLL_BACKOFF_EVERY = 5;
export const POLL_BACKOFF_FACTOR = 1.5;
export const POLL_MAX_MS = 5000;

/** Window event fired when a job this tab was watching reaches a final state. */
export const JOB_FINISHED_EVENT = "tallyboard:job-finished";

export interface JobFinishedDetail {
  jobId: string;
  status: JobStatus;
}

export function isFinalJobStatus(status: JobStatus | null | undefined): boolean {
  return status != null && FINAL_JOB_STATUSES.has(status);
}

/** The wait after the `pollsDone`-th poll before the next one. */
export function pollDelay(pollsDone: number): number {
  const steps = Math.floor(Math.max(0, pollsDone) / POLL_BACKOFF_EVERY);
  return Math.min(POLL_MAX_MS, POLL_INITIAL_MS * POLL_BACKOFF_FACTOR ** steps);
}

/** Tells the rest of the page (e.g. the notification bell) that a job finished. */
export function announceJobFinished(job: Pick<JobView, "id" | "status">): void {
  if (typeof window === "undefined") return;
  window.dispatchEvent(
    new CustomEvent<JobFinishedDetail>(JOB_FINISHED_EVENT, { detail: { jobId: job.id, status: job.status } }),
  );
}

export interface JobStatusState {
  /** null until the first answer for this job id. */
  status: JobStatus | null;
  progress: number;
  message: string | null;
  result: unknown;
  /** The last request's error (404, network), else the job's own error. */
  error: string | null;
  job: JobView | null;
  /** True while polls are still scheduled for this job id. */
  polling: boolean;
}

interface InternalState {
  jobId: string | null;
  job: JobView | null;
  requestError: string | null;
  done: boolean;
}

const EMPTY: InternalState = { jobId: null, job: null, requestError: null, done: false };

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: unknown };
    if (typeof body?.message === "string" && body.message) return body.message;
  } catch {
    // not JSON: fall through
  }
  return `Request failed (HTTP ${res.status})`;
}

export function useJobStatus(jobId: string | null | undefined): JobStatusState {
  const id = jobId || null;
  const [state, setState] = useState<InternalState>(EMPTY);

  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    let polls = 0;

    const poll = async () => {
      timer = undefined;
      controller = new AbortController();
      polls += 1;
      let final = false;
      try {
        const res = await fetch(`/api/jobs/${encodeURIComponent(id)}`, {
          cache: "no-store",
          headers: { accept: "application/json" },
          signal: controller.signal,
        });
        if (!res.ok) throw new Error(await readError(res));
        const job = (await res.json()) as JobView;
        if (cancelled) return;
        final = FINAL_JOB_STATUSES.has(job.status);
        setState({ jobId: id, job, requestError: null, done: final });
      } catch (err) {
        if (cancelled) return;
        const message = err instanceof Error ? err.message : String(err);
        setState((prev) => ({
          jobId: id,
          job: prev.jobId === id ? prev.job : null,
          requestError: message || "Network error",
          done: false,
        }));
      }
      if (cancelled || final) return;
      timer = setTimeout(poll, pollDelay(polls));
    };

    void poll();
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
      controller?.abort();
    };
  }, [id]);

  // State left over from a previous job id is never shown for the new one.
  const current = state.jobId === id && id !== null ? state : EMPTY;
  const job = current.job;
  return {
    status: job?.status ?? null,
    progress: job?.progress ?? 0,
    message: job?.message ?? null,
    result: job?.result ?? null,
    error: current.requestError ?? job?.error ?? null,
    job,
    polling: id !== null && !current.done,
  };
}
