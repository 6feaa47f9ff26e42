import { expect, test } from "@playwright/test";

// Budgets as a person sees them, on the seeded demo data: create one, watch it process in
// the background, then see what was spent against it; edit it; delete it.

test("create a budget, see it process, then spent / amount with a progress bar", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.getByRole("link", { name: "Budgets" }).click();
  await expect(page).toHaveURL(/\/dashboard\/budgets$/);

  const form = page.getByTestId("add-budget-form");
  // An amount of zero is refused before anything is saved.
  await form.getByLabel("Title").fill("Coffee");
  await form.getByLabel("Amount").fill("0");
  await form.getByLabel("Keywords").fill("coffee");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(form).toContainText("Enter an amount above zero");

  // The card shows the budget as saved (processing) until the page's first poll, 1 s later. The
  // job can be done by then, so the list's polls are held until the processing card was seen.
  let releasePolls!: () => void;
  const pollsHeld = new Promise<void>((resolve) => (releasePolls = resolve));
  await page.route("**/api/budgets", async (route) => {
    if (route.request().method() === "GET") await pollsHeld;
    await route.fallback();
  });
  await form.getByLabel("Amount").fill("60");
  await form.getByRole("button", { name: "Create budget" }).click();
  await expect(page.getByTestId("budgets-notice")).toHaveText("Budget created — matching your transactions in the background");

  const card = page.getByTestId("budget-card").filter({ hasText: "Coffee" });
  await expect(card.getByTestId("budget-processing")).toHaveText("Processing transactions…");
  await expect(card).toHaveAttribute("data-status", "processing");
  releasePolls();
  await page.unroute("**/api/budgets");
  await expect(card).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(card.getByTestId("budget-progress")).toBeVisible();
  await expect(card.getByTestId("budget-spent")).toHaveText(/^\$[\d,]+\.\d{2} \/ \$60\.00$/);
  await expect(card).toContainText(/\d+ transactions?/);
  await expect(card.getByTestId("budget-ready")).toHaveAttribute("data-tone", /ok|warn|over/);

  // A new keyword is new criteria: processing again, then ready.
  await card.getByRole("button", { name: "Edit budget Coffee" }).click();
  const edit = card.getByTestId("edit-budget-form");
  await edit.getByLabel("Keywords").fill("coffee, bottle");
  const saved = page.waitForResponse((res) => res.request().method() === "PATCH" && res.url().includes("/api/budgets/"));
  await edit.getByRole("button", { name: "Save" }).click();
  expect((await saved).status()).toBe(202);
  await expect(page.getByTestId("budgets-notice")).toHaveText("Budget saved — matching your transactions in the background");
  await expect(card).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(card).toContainText("“bottle”");

  // The API answers in its own shapes: 422 with field errors, 404 for an unknown id.
  const invalid = await page.request.post("/api/budgets", { data: { title: "x", amount: "5", period: "rolling", keywords: ["x"] } });
  expect(invalid.status()).toBe(422);
  expect((await invalid.json()).fields).toHaveProperty("rollingDays");
  expect((await page.request.get("/api/budgets/not-a-budget")).status()).toBe(404);

  await card.getByRole("button", { name: "Delete budget Coffee" }).click();
  await card.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page.getByTestId("budget-card").filter({ hasText: "Coffee" })).toHaveCount(0);
});
