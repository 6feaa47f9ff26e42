import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Not a check: a picture of every page at 1280 and 390 px, light and dark, for a person to
// look at (and the README's dashboard image). playwright.config.ts runs it only when SCREENSHOT_DIR names a folder.

const DIR = process.env.SCREENSHOT_DIR;
const PAGES = ["/dashboard", "/dashboard/transactions", "/dashboard/accounts", "/dashboard/imports", "/dashboard/receipts", "/dashboard/rules", "/dashboard/budgets", "/dashboard/background-jobs", "/dashboard/settings/notifications"];

if (!DIR) throw new Error("set SCREENSHOT_DIR (playwright.config.ts runs this file only then)");

for (const width of [1280, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`every page at ${width} px, ${scheme}`, async ({ page }) => {
      test.setTimeout(180_000);
      fs.mkdirSync(DIR!, { recursive: true });
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      const shot = async (name: string) => page.screenshot({ path: path.join(DIR!, `${name}-${width}-${scheme}.png`), fullPage: true });
      await page.goto("/login");
      await shot("login");
      await signInAsDemo(page);
      const { imports } = (await (await page.request.get("/api/imports")).json()) as { imports: { id: string }[] };
      const paths = imports[0] ? [...PAGES, `/dashboard/imports/${imports[0].id}`] : PAGES;
      for (const p of paths) {
        await page.goto(p);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await page.waitForLoadState("networkidle").catch(() => undefined);
        await shot(p.replace(/^\/dashboard\/?/, "").replace(/\/[a-z0-9_-]{12,}$/i, "-detail").replace(/\//g, "-") || "dashboard");
      }
    });
  }
}
