// Retakes docs/dashboard.png (the README's screenshot) from a running `npm run dev`:
//   npx tsx scripts/screenshot-dashboard.ts [http://localhost:3000]
import { chromium } from "@playwright/test";

async function main() {
  const base = process.argv[2] ?? "http://localhost:3000";
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await page.waitForURL(/\/dashboard/);
  await page.waitForTimeout(3000);
  await page.waitForTimeout(500);
  await page.screenshot({ path: "docs/dashboard.png", fullPage: true });
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
