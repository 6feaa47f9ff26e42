import { expect, test } from "@playwright/test";

// Notification settings as a person sees them: reached from the bell, in the app and by e-mail
// per kind, with a note on whether this server sends e-mail (the e2e stack has no SMTP_URL),
// saved with a confirmation, still there after a reload.

test("choose which notifications appear in the app and which arrive by e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  await page.getByRole("button", { name: /notifications/i }).click();
  await page.getByTestId("notification-list").getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/dashboard\/settings\/notifications$/);
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();

  const status = page.getByTestId("email-status");
  await expect(status).toContainText("isn't set up on this server");
  await expect(status).toContainText("demo@tallyboard.app");

  // A summary recompute is not something to be notified about: no such kind.
  await expect(page.getByTestId("notification-kinds")).not.toContainText("Summary");
  const failedInApp = page.getByRole("switch", { name: "Failed jobs: in the app" });
  const importsByMail = page.getByRole("switch", { name: "Imports: by e-mail" });
  const insightsInApp = page.getByRole("switch", { name: "New insights: in the app" });
  await expect(failedInApp).toBeChecked();
  await expect(importsByMail).toBeChecked();

  await insightsInApp.uncheck();
  await importsByMail.uncheck();
  await expect(page.getByTestId("preferences-saved")).toHaveText("You have unsaved changes.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("preferences-saved")).toHaveText("Saved. In the app: 4 of 5 kinds; by e-mail: 4 of 5.");

  await page.reload();
  await expect(page.getByRole("switch", { name: "New insights: in the app" })).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Imports: by e-mail" })).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Imports: in the app" })).toBeChecked();
});
