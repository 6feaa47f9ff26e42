import { expect, test } from "@playwright/test";
import { injectJobFailures, signInAsDemo, slowJobSteps } from "./helpers";

// The categorize job as a person sees it, on the seeded demo data: start it from the
// transactions page, watch its progress panel, see the result and the cleaned payees.

test("clean up payees on the seeded transactions and see the job's result and its log", async ({ page }) => {
  await signInAsDemo(page);

  // The demo's few hundred rows take a moment: each progress step is slowed to 0.8 s here so
  // the bar can be watched (the e2e server's test hook; a real run is as fast as it can be).
  await slowJobSteps("categorize", 800);
  try {
    await page.goto("/dashboard/transactions");
    await page.getByTestId("payee-cleanup-button").click();
    const panel = page.getByTestId("categorize-panel");
    await expect(panel).toBeVisible();
    const progress = panel.getByTestId("job-progress");
    await expect(progress).toHaveAttribute("data-status", "running", { timeout: 30_000 });

    // Watch it until it completes: the bar only moves forward and the message counts on.
    const values: number[] = [];
    const messages = new Set<string>();
    for (let i = 0; i < 300 && (await progress.getAttribute("data-status")) === "running"; i++) {
      const value = await progress.getByRole("progressbar").getAttribute("aria-valuenow", { timeout: 500 }).catch(() => null);
      const message = await progress.locator("[aria-live]").textContent({ timeout: 500 }).catch(() => null);
      if (value !== null) values.push(Number(value));
      if (message) messages.add(message.trim());
      await page.waitForTimeout(100);
    }
    await expect(progress).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    expect(new Set(values).size, `bar values seen: ${values.join(", ")}`).toBeGreaterThanOrEqual(2);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const counting = [...messages].filter((m) => /^Cleaning payee of transaction [\d,]+\/[\d,]+…$/.test(m));
    expect(counting.length, `messages seen: ${[...messages].join(" | ")}`).toBeGreaterThanOrEqual(2);
    await expect(panel).toContainText(/Updated [\d,]+ payees/);
  } finally {
    await slowJobSteps("categorize", 0);
  }

  // The list reloads with merchant names under the raw descriptions.
  await expect(page.getByTestId("transactions-table")).toContainText(/Netflix|Spotify|Blue Bottle|Trader Joe's|Safeway|Shell/);

  // The run is on the Background jobs page, with its log.
  await page.goto("/dashboard/background-jobs");
  const row = page.getByTestId("job-row").filter({ hasText: /categorize/i }).first();
  await expect(row).toHaveAttribute("data-status", "completed");
});

test("a categorize run that fails shows its error, and Retry runs it to completion", async ({ page }) => {
  await signInAsDemo(page);
  // Every automatic attempt fails (3, with quick backoff on the e2e server); the person's
  // Retry is the fourth and succeeds.
  await injectJobFailures("categorize", 3);

  await page.goto("/dashboard/transactions");
  await page.getByTestId("categorize-button").click();
  const panel = page.getByTestId("categorize-panel");
  const progress = panel.getByTestId("job-progress");
  await expect(progress).toHaveAttribute("data-status", "failed", { timeout: 30_000 });
  await expect(panel).toContainText("Injected failure for categorize");

  await panel.getByRole("button", { name: "Retry" }).click();
  await expect(progress).toHaveAttribute("data-status", /queued|running|completed/);
  await expect(progress).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  // The seeded transactions all have categories, so the run may find nothing to do.
  await expect(panel).toContainText(/Categorized [\d,]+|Nothing to categorize: every transaction already has a category/);
  await expect(panel).not.toContainText("Injected failure");

  // The Background jobs page shows the run completed after its failed attempts.
  await page.goto("/dashboard/background-jobs");
  const row = page.getByTestId("job-row").filter({ hasText: /categorize/i }).first();
  await expect(row).toHaveAttribute("data-status", "completed");
});
