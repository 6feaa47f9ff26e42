import { expect, test } from "@playwright/test";

// Notification settings as a person sees them: reached from the bell, e-mail per kind with
// a note on whether this server sends e-mail (the e2e stack has no SMTP_URL), saved with a
// confirmation, still there after a reload.

test("choose which notifications arrive by e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.getByRole("button", { name: /notifications/i }).click();
  await page.getByRole("link", { name: "E-mail settings" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

  const status = page.getByTestId("email-status");
  await expect(status).toContainText("isn't set up on this server");
  await expect(status).toContainText("demo@tallyboard.app");

  const summary = page.getByRole("switch", { name: "Summary updates" });
  const imports = page.getByRole("switch", { name: "Imports" });
  await expect(summary).not.toBeChecked();
  await expect(imports).toBeChecked();

  await summary.check();
  await imports.uncheck();
  await expect(page.getByTestId("preferences-saved")).toHaveText("You have unsaved changes.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("preferences-saved")).toHaveText(/^Saved\. E-mail is on for 4 of 5 kinds\.$/);

  await page.reload();
  await expect(page.getByRole("switch", { name: "Summary updates" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "Imports" })).not.toBeChecked();
});
