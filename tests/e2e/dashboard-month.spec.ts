import { expect, test } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// Issue 14: the summary covers any month the person picks, the counting rule is said on the
// dashboard, and categories and chart bars open the matching transactions.

function monthOf(offset: number): { key: string; day: string } {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const key = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  return { key, day: `${key}-05` };
}

test("pick the previous month: its own figures, a refund netted, links to its transactions", async ({ page }) => {
  await signUpAndSignIn(page, "month");
  const last = monthOf(-1);
  const now = monthOf(0);
  const add = async (date: string, description: string, amount: string, category?: string) => {
    const res = await page.request.post("/api/transactions", { data: { date, description, amount, ...(category ? { category } : {}) } });
    expect(res.status(), await res.text()).toBeLessThan(300);
  };
  await add(last.day, "Paycheck", "3000.00");
  await add(last.day, "Amazon", "-120.00", "Shopping");
  await add(last.day, "Amazon refund", "40.00", "Shopping");
  await add(now.day.replace(/-05$/, "-01"), "Lunch", "-15.00", "Dining");

  await page.goto("/dashboard");
  await expect(page.getByTestId("counting-rule")).toContainText("Transfers between your accounts are neither income nor spending");
  await expect(page.getByTestId("card-current-month")).toContainText("15.00", { timeout: 30_000 });

  await page.getByTestId("month-previous").click();
  await expect(page).toHaveURL(new RegExp(`/dashboard\\?month=${last.key}$`));
  const card = page.getByTestId("card-current-month");
  // Income 3,000 (the refund is not income), spending 120 − 40 = 80.
  await expect(card).toContainText("$3,000.00");
  await expect(card).toContainText("$80.00");
  await expect(card).toContainText("97.3%");

  const shopping = page.getByTestId("category-spend").getByRole("link", { name: "Shopping" });
  await expect(shopping).toHaveAttribute("href", new RegExp(`^/dashboard/transactions\\?category=[^&]+&from=${last.key}-01&to=${last.key}-\\d\\d$`));
  await expect(page.getByTestId(`chart-month-${last.key}`)).toHaveAttribute("data-href", new RegExp(`from=${last.key}-01&to=${last.key}-\\d\\d$`));

  await page.getByTestId("month-current").click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("card-current-month")).toContainText("This month");
});

test("a month that is not YYYY-MM is the current month; the API says what was wrong", async ({ page }) => {
  await signUpAndSignIn(page, "month-bad");
  await page.goto("/dashboard?month=2025-13");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  const res = await page.request.get("/api/summary?month=2025-13");
  expect(res.status()).toBe(422);
  expect(((await res.json()) as { fields: Record<string, string[]> }).fields.month).toBeTruthy();
});
