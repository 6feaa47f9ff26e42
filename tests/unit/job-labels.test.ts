import { describe, expect, it } from "vitest";
import { jobLabel } from "../../components/jobs/filters";
import { describeCategorizeResult } from "../../components/transactions/transactions-view";
import type { BackgroundJob } from "../../lib/generated/prisma/client";
import { toJobView } from "../../lib/queue/job-view";

const row = (type: string, payload: unknown) =>
  ({
    id: "j1",
    type,
    payload,
    status: "completed",
    progress: 100,
    message: null,
    result: null,
    error: null,
    attempts: 1,
    processedCount: 0,
    errorCount: 0,
    createdAt: new Date(0),
    startedAt: null,
    finishedAt: null,
  }) as unknown as BackgroundJob;

describe("job labels", () => {
  it("tells a payee clean-up from a categorization, and names scheduled runs", () => {
    expect(jobLabel(toJobView(row("categorize", { kind: "payee_lookup", userId: "u" })))).toBe("Categorize · payee clean-up");
    expect(jobLabel(toJobView(row("categorize", { kind: "classification", userId: "u" })))).toBe("Categorize · categories");
    expect(jobLabel(toJobView(row("insight-generation", { scheduled: true })))).toBe("Insight generation · scheduled");
    expect(jobLabel(toJobView(row("csv-import", { importId: "i" })))).toBe("CSV import");
  });
});

describe("describeCategorizeResult", () => {
  it("says there was nothing to do instead of counting zeros", () => {
    expect(describeCategorizeResult("classification", { total: 0, categorized: 0, highConfidence: 0, needsReview: 0, errors: 0 })).toBe(
      "Nothing to categorize: every transaction already has a category.",
    );
    expect(describeCategorizeResult("payee_lookup", { total: 0, updated: 0, unchanged: 0 })).toBe(
      "Nothing to clean up: there are no transactions to look at.",
    );
    expect(describeCategorizeResult("classification", { total: 5, categorized: 4, highConfidence: 3, needsReview: 1, errors: 0 })).toBe(
      "Categorized 4 (3 high confidence), 1 needs review, 0 errors",
    );
  });
});
