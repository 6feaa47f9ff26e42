import { describe, expect, it } from "vitest";
import { describeJobError, isInternalErrorText } from "./describe-job-error";

const PRISMA_RANGE = "\nInvalid `prisma.$queryRaw()` invocation:\n\n\nRaw query failed. Code: `22003`. Message: `bigint out of range`";

describe("describeJobError", () => {
  it("turns Prisma's out-of-range text into words about the amounts", () => {
    const words = describeJobError(PRISMA_RANGE);
    expect(words).toMatch(/^a total of your amounts is too large to compute/);
    expect(words).not.toMatch(/prisma|invocation|22003|bigint/i);
  });

  it("keeps the worker's lead in front of the words", () => {
    expect(describeJobError(`attempt 2 failed: ${PRISMA_RANGE}`)).toMatch(/^attempt 2 failed: a total of your amounts/);
    expect(describeJobError("The import failed: connect ECONNREFUSED 127.0.0.1:5432")).toBe(
      "The import failed: the database or the job queue could not be reached for a moment; it is tried again automatically",
    );
  });

  it("hides stack lines and runtime errors behind a generic sentence", () => {
    expect(describeJobError("TypeError: Cannot read properties of undefined (reading 'id')")).toBe(
      "an internal error stopped it (it has been logged for the maintainers)",
    );
    expect(isInternalErrorText("boom\n    at run (/app/dist/lib/jobs/x.js:12:5)")).toBe(true);
  });

  it("passes our own messages through unchanged", () => {
    for (const text of [
      "The file has no transaction rows.",
      "user u_1 no longer exists",
      "Cancelled: nothing was imported.",
      "The worker stopped during this job 3 times; giving up",
    ]) {
      expect(describeJobError(text)).toBe(text);
    }
    expect(describeJobError(null)).toBeNull();
  });
});
