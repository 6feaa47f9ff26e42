import { expect, test, type Page } from "@playwright/test";

// Insights and the forecast as the demo user sees them: the seed asked for both after the
// first summary (as the nightly and weekly runs would), so the dashboard shows insight cards
// and a forecast chart once the worker has run those jobs.

async function signIn(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/** The seed's jobs run in the background: reload until `probe` holds. */
async function reloadUntil(page: Page, probe: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await probe();
  }).toPass({ timeout: 90_000, intervals: [1000, 2000, 3000] });
}

test("dismiss an insight: it disappears and stays gone after a reload", async ({ page }) => {
  await signIn(page);
  const cards = page.getByTestId("insight-card");
  await reloadUntil(page, () => expect(cards.first()).toBeVisible({ timeout: 3000 }));
  // The demo's subscriptions, rent and salary come back every month.
  await expect(page.getByTestId("insights")).toContainText(/every month/);

  const first = cards.first();
  await expect(first).toHaveAttribute("data-severity", /^(info|warning|critical)$/);
  const title = (await first.getByRole("heading").textContent())!;
  const count = page.getByTestId("insights-count");
  const before = Number((await count.textContent())!.match(/\d+/)![0]);
  await first.getByRole("button", { name: /dismiss/i }).click();
  await expect(cards.filter({ hasText: title })).toHaveCount(0);
  await expect(count).toHaveText(`${before - 1} active`);

  await page.reload();
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId("insights")).not.toContainText(title);

  // An id that is not the user's is not found; without a session nothing is answered.
  expect((await page.request.post("/api/insights/not-a-real-id/dismiss")).status()).toBe(404);
  expect((await page.request.get("/api/insights")).status()).toBe(200);
  await expect(count).toHaveText(`${before - 1} active`);
});

test("the forecast chart renders with its interval band, the top categories and the model in words", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page);
  const panel = page.getByTestId("forecast");
  await reloadUntil(page, () => expect(page.getByTestId("forecast-chart")).toBeVisible({ timeout: 3000 }));

  await expect(page.getByTestId("forecast-band")).toHaveAttribute("d", /^M[\d.]+,[\d.]+ L.+Z$/);
  await expect(page.getByTestId("forecast-total-30")).toContainText(/Next 30 days\s*\$[\d,]+\.\d{2}/);
  await expect(page.getByTestId("forecast-total-90")).toContainText(/80% range \$[\d,]+\.\d{2} – \$[\d,]+\.\d{2}/);
  await expect(page.getByTestId("forecast-categories").locator("tbody tr")).toHaveCount(5);
  await expect(page.getByTestId("forecast-model")).toContainText(/smallest backtest error .* baselines/);

  // Other tests' jobs may have changed the demo user's data since the forecast was computed,
  // and may still be changing it (an import's categorize run lands a little later): then
  // Refresh recomputes (with progress). Once nothing has changed, Refresh says so instead.
  const refresh = panel.getByRole("button", { name: "Refresh forecast" });
  const notice = page.getByTestId("forecast-notice");
  const computing = page.getByTestId("forecast-computing");
  let recomputes = 0;
  await expect(async () => {
    await expect(refresh).toBeEnabled();
    await refresh.click();
    await expect(notice.or(computing)).toBeVisible();
    if (await computing.isVisible()) {
      recomputes += 1;
      await expect(computing).toBeHidden({ timeout: 60_000 });
    }
    await expect(notice).toContainText("up to date", { timeout: 1000 });
  }).toPass({ timeout: 150_000, intervals: [500, 1000, 2000] });
  expect(recomputes).toBeLessThan(5);
  await expect(page.getByTestId("forecast-chart")).toBeVisible();

  await page.context().clearCookies();
  expect((await page.request.get("/api/forecast")).status()).toBe(401);
  expect((await page.request.post("/api/forecast", { data: {} })).status()).toBe(401);
});
