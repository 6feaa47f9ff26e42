import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// A bank statement file (OFX named .txt) uploaded as a person does it: it starts at once, the
// import page proves it against the statement's closing balance, and the accounts page shows
// the new account agreeing with its statement, with a link to its transactions. Screenshots at
// 1280 and 390 px go to test-results/ for a look.

const STATEMENTS = path.join(__dirname, "..", "fixtures", "statements");
const SHOTS = path.join(__dirname, "..", "..", "test-results");

test("upload an OFX statement, see the balance proof, and the account on the accounts page", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAsDemo(page);
  await page.goto("/dashboard/imports");
  const upload = page.getByTestId("upload-card");
  await upload.getByLabel("CSV file or bank statement").setInputFiles(path.join(STATEMENTS, "ofx1-checking-sgml.txt"));
  await upload.getByRole("button", { name: /upload/i }).click();

  await expect(page).toHaveURL(/\/dashboard\/imports\/[^/]+$/);
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 60_000 });
  const proof = page.getByTestId("balance-check");
  await expect(proof).toContainText("Balances agree");
  await expect(proof).toContainText("3,772.45");
  await page.screenshot({ path: path.join(SHOTS, "stmt-import-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, "stmt-import-390.png"), fullPage: true });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "Accounts" }).click();
  await expect(page).toHaveURL(/\/dashboard\/accounts$/);
  const card = page.getByTestId("account-card").filter({ hasText: "Example Bank …6789" });
  await expect(card).toContainText("3,772.45");
  await expect(card.getByTestId("statement-proof")).toContainText("agrees with the statement");
  await page.screenshot({ path: path.join(SHOTS, "stmt-accounts-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(SHOTS, "stmt-accounts-390.png"), fullPage: true });

  await card.getByRole("link", { name: /4 transactions/ }).click();
  await expect(page.getByTestId("account-filter")).toContainText("Example Bank …6789");
  await expect(page.getByTestId("transaction-row")).toHaveCount(4);
  await page.screenshot({ path: path.join(SHOTS, "stmt-transactions-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(SHOTS, "stmt-transactions-1280.png"), fullPage: true });
});
