import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// The accounts page's form as a person uses it: add an account (refused in words first), in a
// currency without decimals, edit it, archive it. Pictures at 1280 and 390 px, light and dark,
// go to test-results/ for a look.

const SHOTS = path.join(__dirname, "..", "..", "test-results");

async function shots(page: import("@playwright/test").Page, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.screenshot({ path: path.join(SHOTS, `accounts-${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("add, edit and archive an account, with errors in words and yen without decimals", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUpAndSignIn(page, "accounts");
  await page.goto("/dashboard/accounts");
  await expect(page.getByText("No accounts yet")).toBeVisible();

  await page.getByRole("button", { name: "Add account" }).click();
  const form = page.getByTestId("add-account-form");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText("Name the account")).toBeVisible();
  await expect(form.getByLabel("Name")).toBeFocused();

  await form.getByLabel("Name").fill("Tokyo savings");
  await form.getByLabel("Institution").fill("Example Bank");
  await form.getByLabel("Type").selectOption("savings");
  await form.getByLabel("Currency").selectOption("JPY");
  await expect(form.getByText("JPY amounts have no decimals.")).toBeVisible();
  await form.getByLabel("Opening balance").fill("12.50");
  await form.getByLabel("Opening date").fill("2024-01-01");
  await form.getByLabel("Account number or IBAN").fill("jp12 3456");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText("JPY has no decimals: enter a whole amount like 1200.")).toBeVisible();
  await shots(page, "form-error");

  await form.getByLabel("Opening balance").fill("150,000");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form).toBeHidden();
  const card = page.getByTestId("account-card").filter({ hasText: "Tokyo savings" });
  await expect(card).toContainText("Savings · JPY · Example Bank · JP123456");
  await expect(card).toContainText("¥150,000");
  await expect(card).not.toContainText("150,000.00");

  // A second account; the same name again is refused by the server, in words, under the name.
  await page.getByRole("button", { name: "Add account" }).click();
  await form.getByLabel("Name").fill("Tokyo savings");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText('You already have an account named "Tokyo savings"')).toBeVisible();
  await form.getByLabel("Name").fill("Everyday");
  await form.getByLabel("Opening balance").fill("-12.34");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(page.getByTestId("account-card").filter({ hasText: "Everyday" })).toContainText("-$12.34");
  await shots(page, "list");

  await card.getByRole("button", { name: "Edit Tokyo savings" }).click();
  const edit = page.getByTestId("edit-account-form");
  await expect(edit.getByLabel("Opening balance")).toHaveValue("150000");
  await edit.getByLabel("Name").fill("Tokyo");
  await edit.getByLabel(/Archived/).check();
  await shots(page, "edit");
  await edit.getByRole("button", { name: "Save account" }).click();
  await expect(edit).toBeHidden();
  const archived = page.getByTestId("account-card").filter({ hasText: "Tokyo" });
  await expect(archived).toContainText("archived");
  // Archived accounts are listed last.
  await expect(page.getByTestId("account-card").last()).toContainText("Tokyo");

  // What was saved is what the server holds.
  await page.reload();
  await expect(page.getByTestId("account-card").last()).toContainText("Savings · JPY · Example Bank · JP123456 · archived");
});
