import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// Bulk actions on the transactions list (issue 14), on the production build: choose rows, set
// their category, see the list change, undo; then everything a filter matches, over the inline
// limit (BULK_INLINE_LIMIT is 3 on the e2e server), as a job with its progress, and its undo;
// then a delete behind its confirm, and its undo. Screenshots at 1280 and 390 px in test-results/.

const SHOTS = path.join(__dirname, "..", "..", "test-results");

async function add(page: Page, data: { date: string; description: string; amount: string; category?: string }) {
  const res = await page.request.post("/api/transactions", { data });
  expect(res.status(), await res.text()).toBe(201);
}

async function categories(page: Page): Promise<Record<string, string | null>> {
  const { transactions } = (await (await page.request.get("/api/transactions?limit=50")).json()) as { transactions: { description: string; category: string | null }[] };
  return Object.fromEntries(transactions.map((t) => [t.description, t.category]));
}

const row = (page: Page, description: string) => page.getByTestId("transaction-row").filter({ hasText: description });

test("choose rows → set category → undo; everything matching as a job → undo; delete → undo", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndSignIn(page, "bulk");
  await add(page, { date: "2025-03-01", description: "Blue Bottle Coffee", amount: "-4.50", category: "Coffee" });
  await add(page, { date: "2025-03-02", description: "Corner cafe", amount: "-3.20" });
  await add(page, { date: "2025-03-03", description: "Whole Foods", amount: "-82.10", category: "Groceries" });
  for (let i = 1; i <= 5; i++) await add(page, { date: `2025-03-1${i}`, description: `Parking meter ${i}`, amount: "-2.00" });

  await page.goto("/dashboard/transactions");
  await expect(page.getByTestId("transactions-count")).toContainText("8 of 8");
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toHaveCount(0);

  // Two chosen rows, inline.
  await page.getByRole("checkbox", { name: "Select Blue Bottle Coffee" }).check();
  await page.getByRole("checkbox", { name: "Select Corner cafe" }).check();
  await expect(bar.getByTestId("bulk-count")).toHaveText("2 selected");
  await bar.getByLabel("Category to set").selectOption({ label: "Groceries" });
  await bar.getByRole("button", { name: "Set", exact: true }).click();
  const outcome = bar.getByTestId("bulk-outcome");
  await expect(outcome).toContainText("Set the category of 2 transactions");
  await expect(row(page, "Corner cafe")).toContainText("Groceries");
  await expect(row(page, "Blue Bottle Coffee")).toContainText("Groceries");
  await expect(page.getByRole("checkbox", { name: "Select Corner cafe" })).not.toBeChecked();
  await page.screenshot({ path: path.join(SHOTS, "bulk-1280-inline.png"), fullPage: false });
  await expect(bar.getByTestId("bulk-undo")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(outcome).toHaveAttribute("data-phase", "undo");
  await expect(outcome).toContainText("Undone: restored 2 transactions");
  await expect(row(page, "Blue Bottle Coffee")).toContainText("Coffee");
  expect(await categories(page)).toMatchObject({ "Blue Bottle Coffee": "Coffee", "Corner cafe": null, "Whole Foods": "Groceries" });

  // Everything a search matches (5 rows, over the limit of 3): a job with its progress, then undo.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId("transaction-search").fill("parking");
  await expect(page.getByTestId("match-count")).toHaveText("5 matches");
  await page.getByTestId("select-page").check();
  await page.getByTestId("select-all-matching").click();
  await expect(bar.getByTestId("bulk-count")).toHaveText("All 5 matching");
  await page.screenshot({ path: path.join(SHOTS, "bulk-390-selected.png"), fullPage: false });
  const barBox = await bar.boundingBox();
  expect(barBox!.x).toBeGreaterThanOrEqual(0);
  expect(barBox!.x + barBox!.width).toBeLessThanOrEqual(390);
  await bar.getByLabel("Category to set").selectOption({ label: "Coffee" });
  await bar.getByRole("button", { name: "Set", exact: true }).click();
  await expect(outcome.getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(outcome).toContainText("Set the category of 5 transactions");
  await expect(row(page, "Parking meter 3")).toContainText("Coffee");
  await page.screenshot({ path: path.join(SHOTS, "bulk-390-job-done.png"), fullPage: false });
  await bar.getByTestId("bulk-undo").click();
  await expect(outcome).toHaveAttribute("data-phase", "undo");
  await expect(outcome.getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 60_000 });
  await expect(outcome).toContainText("Undone: restored 5 transactions");
  const after = await categories(page);
  for (let i = 1; i <= 5; i++) expect(after[`Parking meter ${i}`]).toBeNull();

  // Delete asks first; Undo brings the row back.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("clear-filters").click();
  await expect(page.getByTestId("transactions-count")).toContainText("8 of 8");
  await page.getByRole("checkbox", { name: "Select Whole Foods" }).check();
  await bar.getByRole("button", { name: "Delete" }).click();
  const confirm = bar.getByRole("alertdialog");
  await expect(confirm).toContainText("Delete 1 transaction? You can undo this for a week.");
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(outcome).toContainText("Deleted 1 transaction");
  await expect(row(page, "Whole Foods")).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, "bulk-1280-deleted.png"), fullPage: false });
  await bar.getByTestId("bulk-undo").click();
  await expect(outcome).toContainText("Undone: restored 1 transaction");
  await expect(row(page, "Whole Foods")).toHaveCount(1);
});
