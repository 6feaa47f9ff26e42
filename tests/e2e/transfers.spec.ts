import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// Transfers as a person sees them: a savings → checking transfer added to two accounts is
// paired by the worker's transfer-matching job and its rows say "Transfer ↔ <other account>";
// Unlink takes it apart; the row's link button pairs two rows by hand from the API's
// candidates. Screenshots at 1280 and 390 px, light and dark, go to test-results/.

const SHOTS = path.join(__dirname, "..", "..", "test-results");

async function post(page: Page, url: string, data: unknown) {
  const res = await page.request.post(url, { data });
  expect(res.status(), `${url} ${await res.text()}`).toBeLessThan(300);
  return res.json();
}

async function shots(page: Page, name: string) {
  for (const width of [1280, 390]) {
    for (const scheme of ["light", "dark"] as const) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: path.join(SHOTS, `transfers-${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: "light" });
}

test("a transfer is paired by the job, shown on both rows, unlinked and linked again by hand", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndSignIn(page, "transfers");
  const checking = (await post(page, "/api/accounts", { name: "Everyday Checking", type: "checking" })).account;
  const savings = (await post(page, "/api/accounts", { name: "Savings", type: "savings" })).account;
  await post(page, "/api/transactions", { date: "2026-03-02", description: "Transfer to Everyday Checking", amount: "-500.00", accountId: savings.id });
  await post(page, "/api/transactions", { date: "2026-03-03", description: "Online transfer from Savings", amount: "500.00", accountId: checking.id });
  await post(page, "/api/transactions", { date: "2026-03-03", description: "Groceries", amount: "-64.20", accountId: checking.id });

  // The job runs in the worker; the list shows the pair once it has.
  await expect
    .poll(async () => {
      const body = (await (await page.request.get("/api/transactions?limit=10")).json()) as { transactions: { transfer: unknown }[] };
      return body.transactions.filter((t) => t.transfer).length;
    }, { timeout: 30_000 })
    .toBe(2);

  await page.goto("/dashboard/transactions");
  const inflow = page.getByTestId("transaction-row").filter({ hasText: "Online transfer from Savings" });
  const outflow = page.getByTestId("transaction-row").filter({ hasText: "Transfer to Everyday Checking" });
  await expect(inflow.getByTestId("transfer-badge")).toContainText("Transfer ↔ Savings");
  await expect(outflow.getByTestId("transfer-badge")).toContainText("Transfer ↔ Everyday Checking");
  await expect(page.getByTestId("transaction-row").filter({ hasText: "Groceries" }).getByTestId("transfer-badge")).toHaveCount(0);
  await shots(page, "paired");

  await inflow.getByRole("button", { name: /unlink the transfer/i }).click();
  await expect(page.getByTestId("transfer-badge")).toHaveCount(0);
  await expect(page.getByText(/Unlinked/)).toBeVisible();

  await outflow.getByTestId("link-transfer").click();
  const dialog = page.getByTestId("link-transfer-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("transfer-candidates")).toContainText("Online transfer from Savings");
  await expect(dialog.getByTestId("transfer-candidates")).not.toContainText("Groceries");
  await shots(page, "link-dialog");
  await dialog.getByRole("button", { name: /link with online transfer from savings/i }).click();
  await expect(dialog).toHaveCount(0);
  await expect(inflow.getByTestId("transfer-badge")).toContainText("Transfer ↔ Savings");
  await expect(outflow.getByTestId("transfer-badge")).toContainText("Transfer ↔ Everyday Checking");
});
