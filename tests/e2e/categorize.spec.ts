import { expect, test } from "@playwright/test";
import { injectJobFailures, signInAsDemo } from "./helpers";

// The categorize job as a person sees it, on the seeded demo data: start it from the
// transactions page, watch its progress panel, see the result and the cleaned payees.

test("clean up payees on the seeded transactions and see the job's result and its log", async ({ page }) => {
  await signInAsDemo(page);

  await page.goto("/dashboard/transactions");
  await page.getByTestId("payee-cleanup-button").click();
  const panel = page.getByTestId("categorize-panel");
  await expect(panel).toBeVisible();
  const progress = panel.getByTestId("job-progress");
  await expect(progress).toHaveAttribute("data-status", /queued|running|completed/);
  await expect(progress).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(panel).toContainText(/Updated [\d,]+ payees/);

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
  await expect(panel).toContainText(/Categorized [\d,]+/);
  await expect(panel).not.toContainText("Injected failure");

  // The Background jobs page shows the run completed after its failed attempts.
  await page.goto("/dashboard/background-jobs");
  const row = page.getByTestId("job-row").filter({ hasText: /categorize/i }).first();
  await expect(row).toHaveAttribute("data-status", "completed");
});
