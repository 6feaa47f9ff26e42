import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// The security headers (next.config.js) are on every page, and the CSP still lets every page
// work: no violation reaches the console on the way through the app.

const PAGES = [
  "/dashboard",
  "/dashboard/transactions",
  "/dashboard/imports",
  "/dashboard/budgets",
  "/dashboard/rules",
  "/dashboard/background-jobs",
  "/dashboard/settings/notifications",
];

test("pages carry the security headers and break no rule of their CSP", async ({ page }) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => violations.push(error.message));

  const login = await page.goto("/login");
  const headers = login!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  await page.goto("/register");
  await expect(page.getByRole("button", { name: /create account/i })).toBeVisible();
  await signInAsDemo(page);
  for (const path of PAGES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  expect(violations).toEqual([]);
});
