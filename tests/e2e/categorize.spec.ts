import { expect, test } from "@playwright/test";

// The categorize job as a person sees it, on the seeded demo data: start it from the
// transactions page, watch its progress panel, see the result and the cleaned payees.

test("clean up payees on the seeded transactions and see the job's result and its log", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);

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
