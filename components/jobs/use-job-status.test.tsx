// @vitest-environment jsdom
import { act, cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JOB_FINISHED_EVENT, announceJobFinished, pollDelay, useJobStatus } from "./use-job-status";

type Status = "pending" | "running" | "completed" | "failed" | "cancelled";

function jobBody(id: string, status: Status, progress = 0, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: "financial-summary",
    status,
    progress,
    message: status === "running" ? "Aggregating transactions" : null,
    result: null,
    error: null,
    attempts: 1,
    processedCount: 0,
    errorCount: 0,
    createdAt: "2026-01-01T00:00:00.000Z",
    startedAt: null,
    finishedAt: null,
    ...extra,
  };
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A fetch mock that records the (fake) time of each call and answers with `answer(n)`. */
function mockFetch(answer: (call: number, url: string) => Response | Promise<Response>) {
  const times: number[] = [];
  const urls: string[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    times.push(Date.now());
    urls.push(url);
    return answer(times.length, url);
  });
  vi.stubGlobal("fetch", fn);
  return { fn, times, urls };
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** Poll times for the documented schedule, up to `until`. */
function expectedTimes(until: number): number[] {
  const out = [0];
  let polls = 1;
  for (;;) {
    const next = out[out.length - 1] + pollDelay(polls);
    if (next > until) return out;
    out.push(next);
    polls += 1;
  }
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(0);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("pollDelay", () => {
  it("grows 1.5x after every 5 polls and caps at 5000 ms", () => {
    const gaps = Array.from({ length: 30 }, (_, i) => pollDelay(i + 1));
    expect(gaps.slice(0, 4)).toEqual([1000, 1000, 1000, 1000]);
    expect(gaps.slice(4, 9)).toEqual([1500, 1500, 1500, 1500, 1500]);
    expect(gaps.slice(9, 14)).toEqual([2250, 2250, 2250, 2250, 2250]);
    expect(gaps.slice(14, 19)).toEqual([3375, 3375, 3375, 3375, 3375]);
    expect(gaps.slice(19)).toEqual(Array(11).fill(5000));
  });
});

describe("useJobStatus", () => {
  it("does nothing without a job id", async () => {
    const { fn } = mockFetch(() => jsonResponse(jobBody("x", "pending")));
    const { result } = renderHook(() => useJobStatus(null));
    await advance(10_000);
    expect(fn).not.toHaveBeenCalled();
    expect(result.current.status).toBeNull();
    expect(result.current.polling).toBe(false);
  });

  it("polls at 0, 1000, 2000, 3000, 4000, then 1500 ms gaps x5, then 2250 ms x5, then 3375 ms x5, capped at 5000 ms", async () => {
    const { times, urls } = mockFetch(() => jsonResponse(jobBody("job-1", "running", 40)));
    const { result } = renderHook(() => useJobStatus("job-1"));

    // The first poll goes out at once, before any timer runs.
    expect(times).toEqual([0]);
    expect(result.current.status).toBeNull();

    await advance(60_000);
    expect(times).toEqual([
      0, 1000, 2000, 3000, 4000,
      5500, 7000, 8500, 10000, 11500,
      13750, 16000, 18250, 20500, 22750,
      26125, 29500, 32875, 36250, 39625,
      44625, 49625, 54625, 59625,
    ]);
    expect(times).toEqual(expectedTimes(60_000));
    expect(urls.every((u) => u === "/api/jobs/job-1")).toBe(true);
    expect(result.current.status).toBe("running");
    expect(result.current.progress).toBe(40);
    expect(result.current.message).toBe("Aggregating transactions");
    expect(result.current.polling).toBe(true);
  });

  it("does not poll before the gap has passed", async () => {
    const { times } = mockFetch(() => jsonResponse(jobBody("job-1", "pending")));
    renderHook(() => useJobStatus("job-1"));
    await advance(999);
    expect(times).toEqual([0]);
    await advance(1);
    expect(times).toEqual([0, 1000]);
  });

  it("exposes status null until the first answer arrives", async () => {
    let release: (r: Response) => void = () => undefined;
    mockFetch(() => new Promise<Response>((resolve) => (release = resolve)));
    const { result } = renderHook(() => useJobStatus("job-1"));
    await advance(0);
    expect(result.current.status).toBeNull();
    expect(result.current.job).toBeNull();
    await act(async () => {
      release(jsonResponse(jobBody("job-1", "pending")));
    });
    expect(result.current.status).toBe("pending");
    expect(result.current.progress).toBe(0);
  });

  it("stops polling once the job is completed and exposes the result", async () => {
    const { times } = mockFetch((n) =>
      n < 3
        ? jsonResponse(jobBody("job-1", "running", n * 30))
        : jsonResponse(
            jobBody("job-1", "completed", 100, { message: "Summary updated (3 transactions)", result: { computed: true } }),
          ),
    );
    const { result } = renderHook(() => useJobStatus("job-1"));
    await advance(0);
    expect(result.current.status).toBe("running");
    expect(result.current.progress).toBe(30);

    await advance(2000);
    expect(times).toEqual([0, 1000, 2000]);
    expect(result.current.status).toBe("completed");
    expect(result.current.progress).toBe(100);
    expect(result.current.message).toBe("Summary updated (3 transactions)");
    expect(result.current.result).toEqual({ computed: true });
    expect(result.current.polling).toBe(false);

    await advance(60_000);
    expect(times).toEqual([0, 1000, 2000]);
  });

  it.each(["failed", "cancelled"] as const)("stops polling on %s", async (status) => {
    const { times } = mockFetch(() => jsonResponse(jobBody("job-1", status, 10, { error: status === "failed" ? "boom" : null })));
    const { result } = renderHook(() => useJobStatus("job-1"));
    await advance(30_000);
    expect(times).toEqual([0]);
    expect(result.current.status).toBe(status);
    if (status === "failed") expect(result.current.error).toBe("boom");
  });

  it("keeps polling with the same schedule through 404s and network errors, exposing the error", async () => {
    const { times } = mockFetch((n) => {
      if (n <= 2) return jsonResponse({ error: "not_found", message: "Job not found" }, 404);
      if (n <= 6) return Promise.reject(new TypeError("Failed to fetch"));
      return jsonResponse(jobBody("job-1", "running", 50));
    });
    const { result } = renderHook(() => useJobStatus("job-1"));
    await advance(0);
    expect(result.current.error).toBe("Job not found");
    expect(result.current.status).toBeNull();

    await advance(4000);
    expect(times).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(result.current.error).toBe("Failed to fetch");

    await advance(3000);
    expect(times).toEqual([0, 1000, 2000, 3000, 4000, 5500, 7000]);
    expect(result.current.error).toBeNull();
    expect(result.current.status).toBe("running");
    expect(result.current.polling).toBe(true);
  });

  it("makes no polls after unmount", async () => {
    const { times } = mockFetch(() => jsonResponse(jobBody("job-1", "running", 20)));
    const { unmount } = renderHook(() => useJobStatus("job-1"));
    await advance(2500);
    expect(times).toEqual([0, 1000, 2000]);
    unmount();
    await advance(60_000);
    expect(times).toEqual([0, 1000, 2000]);
  });

  it("ignores an answer that arrives after unmount", async () => {
    let release: (r: Response) => void = () => undefined;
    const { times } = mockFetch(() => new Promise<Response>((resolve) => (release = resolve)));
    const { unmount } = renderHook(() => useJobStatus("job-1"));
    unmount();
    await act(async () => {
      release(jsonResponse(jobBody("job-1", "running")));
    });
    await advance(60_000);
    expect(times).toEqual([0]);
  });

  it("restarts the schedule for a new job id and stops polling the old one", async () => {
    const { urls, times } = mockFetch((_, url) =>
      jsonResponse(jobBody(url.endsWith("job-2") ? "job-2" : "job-1", "running", url.endsWith("job-2") ? 70 : 10)),
    );
    const { result, rerender } = renderHook(({ id }: { id: string | null }) => useJobStatus(id), {
      initialProps: { id: "job-1" as string | null },
    });
    await advance(6000); // job-1 polled at 0..4000 and 5500
    expect(urls.filter((u) => u.endsWith("job-1"))).toHaveLength(6);
    expect(result.current.progress).toBe(10);

    rerender({ id: "job-2" });
    // Nothing of job-1 is shown for job-2 before job-2 answers.
    expect(result.current.job?.id ?? null).not.toBe("job-1");
    const switchedAt = Date.now();
    await advance(2000);
    const job2Times = times.filter((_, i) => urls[i].endsWith("job-2")).map((t) => t - switchedAt);
    expect(job2Times).toEqual([0, 1000, 2000]);
    expect(urls.filter((u) => u.endsWith("job-1"))).toHaveLength(6);
    expect(result.current.job?.id).toBe("job-2");
    expect(result.current.progress).toBe(70);

    rerender({ id: null });
    await advance(30_000);
    expect(urls.filter((u) => u.endsWith("job-2"))).toHaveLength(3);
    expect(result.current.status).toBeNull();
  });
});

describe("announceJobFinished", () => {
  it("dispatches tallyboard:job-finished on window", () => {
    const seen: unknown[] = [];
    const listener = (e: Event) => seen.push((e as CustomEvent).detail);
    window.addEventListener(JOB_FINISHED_EVENT, listener);
    announceJobFinished({ id: "job-9", status: "completed" });
    window.removeEventListener(JOB_FINISHED_EVENT, listener);
    expect(JOB_FINISHED_EVENT).toBe("tallyboard:job-finished");
    expect(seen).toEqual([{ jobId: "job-9", status: "completed" }]);
  });
});
