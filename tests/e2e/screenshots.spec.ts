import fs from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { dashboardPages, signInAsDemo, signUpAndSignIn, signUpWithAnImportAndABudget } from "./helpers";

// Not a check: a picture of every page at 1280 and 390 px, light and dark, for a person to
// look at (and the README's dashboard image). playwright.config.ts runs it only when SCREENSHOT_DIR names a folder.

const DIR = process.env.SCREENSHOT_DIR;

if (!DIR) throw new Error("set SCREENSHOT_DIR (playwright.config.ts runs this file only then)");

/** /dashboard → "dashboard", /dashboard/settings/notifications → "settings-notifications", /dashboard/imports/[id] → "imports-detail". */
const shotName = (route: string) => route.replace(/^\/dashboard\/?/, "").replace(/\/\[[^\]]+\]$/, "-detail").replace(/\//g, "-") || "dashboard";

// Every page on disk, as the demo user and then as a new person after a first import and a
// first budget (the demo user has neither: "first-hour-" pictures).
for (const width of [1280, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`every page at ${width} px, ${scheme}`, async ({ page }) => {
      test.setTimeout(240_000);
      fs.mkdirSync(DIR!, { recursive: true });
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      const shot = async (name: string) => page.screenshot({ path: path.join(DIR!, `${name}-${width}-${scheme}.png`), fullPage: true });
      const walk = async (prefix: string, importPath: string | null) => {
        for (const route of dashboardPages({ dynamic: true })) {
          const target = route === "/dashboard/imports/[id]" ? importPath : route;
          if (!target) continue;
          await page.goto(target);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await page.waitForLoadState("networkidle").catch(() => undefined);
          await shot(`${prefix}${shotName(route)}`);
        }
      };
      await page.goto("/login");
      await shot("login");
      await signInAsDemo(page);
      const { imports } = (await (await page.request.get("/api/imports")).json()) as { imports: { id: string }[] };
      await walk("", imports[0] ? `/dashboard/imports/${imports[0].id}` : null);
      const { importPath } = await signUpWithAnImportAndABudget(page, `shots-${width}-${scheme}`);
      await walk("first-hour-", importPath);
    });
  }
}

// Settings with webhooks in every state a person meets: the secret shown once, an endpoint with
// a long URL and all six events, deliveries that succeeded, are retrying (connection refused)
// and went to an endpoint turned off. A local receiver (the e2e server allows loopback).
test("settings with webhooks at 1280 and 390 px, light and dark", async ({ page }) => {
  test.setTimeout(180_000);
  fs.mkdirSync(DIR!, { recursive: true });
  const receiver = createServer((req, res) => req.resume().on("end", () => res.writeHead(204).end()));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  try {
    await signUpAndSignIn(page, "settings-shots");
    const add = async (url: string, events: string[]) =>
      (await (await page.request.post("/api/webhooks", { data: { url, events } })).json()) as { endpoint: { id: string } };
    const ok = await add(`http://127.0.0.1:${port}/hooks/tallyboard/a-rather-long-path-that-a-phone-has-to-wrap?source=tallyboard&v=1`, [
      "import.completed", "import.failed", "summary.updated", "budget.exceeded", "insight.created", "job.failed",
    ]);
    const down = await add("http://127.0.0.1:9/closed", ["job.failed"]);
    const off = await add(`http://127.0.0.1:${port}/off`, ["summary.updated"]);
    for (const id of [ok.endpoint.id, ok.endpoint.id, down.endpoint.id, off.endpoint.id]) {
      expect((await page.request.post(`/api/webhooks/${id}/test`)).status()).toBe(202);
    }
    await expect
      .poll(async () => {
        const { endpoints } = (await (await page.request.get("/api/webhooks")).json()) as { endpoints: { deliveries: { status: string }[] }[] };
        return endpoints.flatMap((e) => e.deliveries.map((d) => d.status)).filter((s) => s !== "pending").length;
      }, { timeout: 60_000 })
      .toBe(4);
    await page.request.patch(`/api/webhooks/${off.endpoint.id}`, { data: { enabled: false } });

    for (const width of [1280, 390]) {
      for (const scheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
        await page.goto("/dashboard/settings/notifications");
        const section = page.locator("#webhooks");
        await section.getByLabel("Endpoint URL").fill(`http://127.0.0.1:${port}/new`);
        await section.getByRole("button", { name: "Add endpoint" }).click();
        await expect(page.getByTestId("webhook-secret")).toContainText("whsec_");
        await page.screenshot({ path: path.join(DIR!, `settings-webhooks-${width}-${scheme}.png`), fullPage: true });
        // Keep it at three endpoints for the next picture.
        const { endpoints } = (await (await page.request.get("/api/webhooks")).json()) as { endpoints: { id: string; url: string }[] };
        for (const e of endpoints.filter((x) => x.url.endsWith("/new"))) await page.request.delete(`/api/webhooks/${e.id}`);
      }
    }
  } finally {
    receiver.close();
  }
});

// Not a check: the rules page with a preview and an applied rule, at 1280 and 390 px, light
// and dark, for a person to look at. 
for (const width of [1280, 390]) {
  for (const scheme of ["light", "dark"] as const) {
    test(`rules page with a preview and an applied rule at ${width} px, ${scheme}`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      await signUpAndSignIn(page, `rules-shot-${width}-${scheme}`);
      for (const [description, amount, category] of [
        ["SQ *BLUE BOTTLE #123 OAKLAND", "-6.50", "Dining"],
        ["SQ *BLUE BOTTLE #881 SAN FRANCISCO CA", "-7.25", undefined],
        ["BLUE BOTTLE COFFEE WEB ORDER", "-24.00", "Shopping"],
      ] as const) {
        await page.request.post("/api/transactions", { data: { date: "2026-11-02", description, amount, ...(category ? { category } : {}) } });
      }
      await page.goto("/dashboard/rules?field=description&operator=contains&value=blue%20bottle&category=Coffee");
      await expect(page.getByTestId("rule-preview-summary")).toContainText("Would change 3");
      await page.screenshot({ path: `${DIR}/rules-preview-${width}-${scheme}.png`, fullPage: true });
      await page.getByRole("button", { name: "Add rule" }).click();
      await expect(page.getByTestId("rule-apply-panel")).toContainText("Changed the category of 3 transactions.", { timeout: 60_000 });
      await page.screenshot({ path: `${DIR}/rules-applied-${width}-${scheme}.png`, fullPage: true });
    });
  }
}
