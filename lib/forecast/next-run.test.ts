import { describe, expect, it } from "vitest";
import { nextWeeklyRun } from "./next-run";

describe("nextWeeklyRun", () => {
  it("is the coming Sunday 02:00 in UTC", () => {
    expect(nextWeeklyRun(new Date("2026-11-18T10:00:00Z"), "UTC").toISOString()).toBe("2026-11-22T02:00:00.000Z");
  });

  it("is a week later once this Sunday's run time has passed", () => {
    expect(nextWeeklyRun(new Date("2026-11-22T02:00:00Z"), "UTC").toISOString()).toBe("2026-11-29T02:00:00.000Z");
    expect(nextWeeklyRun(new Date("2026-11-22T01:59:00Z"), "UTC").toISOString()).toBe("2026-11-22T02:00:00.000Z");
  });

  it("follows the schedule's time zone across a DST change", () => {
    // New York leaves DST on 2026-11-01: 02:00 EST is 07:00 UTC.
    expect(nextWeeklyRun(new Date("2026-10-28T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-01T07:00:00.000Z");
    expect(nextWeeklyRun(new Date("2026-10-20T12:00:00Z"), "America/New_York").toISOString()).toBe("2026-10-25T06:00:00.000Z");
  });
});
