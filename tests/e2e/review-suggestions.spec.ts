import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Reviewing categorize suggestions as a person does: German and French lines go through
// "Categorize"; the sure ones are filed (Gehalt → Income, Miete → Housing), the unsure ones
// wait in the review panel, where they are accepted in bulk, given another category or a
// better payee inline, or rejected.

test("categorize German and French lines, then review the unsure suggestions in bulk and inline", async ({ page }) => {
  await signInAsDemo(page);
  const add = async (description: string, amount: string) => {
    const res = await page.request.post("/api/transactions", { data: { date: new Date().toISOString().slice(0, 10), description, amount } });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { transaction: { id: string } }).transaction.id;
  };
  const gehalt = await add("GEHALT NOVEMBER 2026 ACME GMBH", "3450.00");
  const miete = await add("DAUERAUFTRAG MIETE HAUSVERWALTUNG SCHMIDT", "-1150.00");
  await add("MARKT HALLE NEUN BERLIN", "-23.40");
  await add("BOUTIQUE LUNA PARIS", "-80.00");
  await add("XQZT 99812 REF 0021", "-12.34");

  await page.goto("/dashboard/transactions");
  await page.getByTestId("categorize-button").click();
  const progress = page.getByTestId("categorize-panel").getByTestId("job-progress");
  await expect(progress).toHaveAttribute("data-status", "completed", { timeout: 30_000 });

  // The sure ones are filed in the user's own categories.
  const table = page.getByTestId("transactions-table");
  await expect(table.locator("tr", { hasText: "GEHALT NOVEMBER" })).toContainText("Income");
  await expect(table.locator("tr", { hasText: "MIETE HAUSVERWALTUNG" })).toContainText("Housing");
  expect(gehalt && miete).toBeTruthy();

  // The unsure ones wait for review, their suggestions preselected.
  const panel = page.getByTestId("review-panel");
  await expect(panel.getByTestId("review-count")).toHaveText(/^3 transactions need your word/);
  const item = (text: string) => panel.getByTestId("review-item").filter({ hasText: text });
  await expect(item("MARKT HALLE").getByLabel(/Category of/)).toHaveValue("Groceries");
  await expect(item("BOUTIQUE LUNA").getByLabel(/Category of/)).toHaveValue("Shopping");
  await expect(item("XQZT").getByLabel(/Category of/)).toHaveValue("");
  // For the eye, at a desktop and a phone width (test-results/, not compared).
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.screenshot({ path: `test-results/review-panel-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // Inline: another category for the boutique, a better payee for the market; then both in bulk.
  await item("BOUTIQUE LUNA").getByLabel(/Category of/).selectOption("Entertainment");
  await item("MARKT HALLE").getByLabel(/Payee of/).fill("Markthalle Neun");
  await item("MARKT HALLE").getByRole("checkbox").check();
  await item("BOUTIQUE LUNA").getByRole("checkbox").check();
  await panel.getByTestId("review-accept-selected").click();
  await expect(panel.getByTestId("review-count")).toHaveText(/^1 transaction needs your word/);
  await expect(page.getByText("Reviewed: accepted 2.")).toBeVisible();
  await expect(table.locator("tr", { hasText: "MARKT HALLE" })).toContainText("Groceries");
  await expect(table.locator("tr", { hasText: "MARKT HALLE" })).toContainText("Markthalle Neun");
  await expect(table.locator("tr", { hasText: "BOUTIQUE LUNA" })).toContainText("Entertainment");

  // Accepting the unknown line without a category asks for one; rejecting clears it.
  await item("XQZT").getByRole("button", { name: /^Accept/ }).click();
  await expect(panel.getByRole("alert")).toContainText("Pick a category for “XQZT 99812 REF 0021”");
  await item("XQZT").getByRole("button", { name: /^Reject/ }).click();
  await expect(panel).toBeHidden();
  await expect(table.locator("tr", { hasText: "XQZT" }).getByTestId("review-badge")).toHaveCount(0);

  // The choices hold after a reload.
  await page.reload();
  await expect(page.getByTestId("review-panel")).toBeHidden();
  await expect(page.getByTestId("transactions-table").locator("tr", { hasText: "BOUTIQUE LUNA" })).toContainText("Entertainment");
});
