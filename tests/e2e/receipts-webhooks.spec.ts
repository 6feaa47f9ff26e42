import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signInAsDemo } from "./helpers";

// Receipts and webhooks as a person sees them: a receipt uploaded from the Receipts page is
// read by the real worker (OCR) and opens beside the list; one uploaded from a transaction's
// row gives that row a receipt icon; a webhook endpoint is added with its secret shown once.
// E2E_SCREENSHOT_DIR=dir keeps a picture of each page at 1280 and 390 px.

const GROCER = path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.jpg");
const GROCER_PDF = path.join(__dirname, "..", "fixtures", "receipts", "uk-grocer.pdf");

async function shoot(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a receipt is uploaded, read and opened beside the list", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto("/dashboard/receipts");
  await expect(page.getByRole("heading", { name: "Receipts" })).toBeVisible();
  await shoot(page, "receipts-empty");
  await page.getByTestId("receipt-file-input").setInputFiles(GROCER);
  const panel = page.getByTestId("receipt-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByLabel(/Merchant/)).toHaveValue("CORNER GROCER", { timeout: 60_000 });
  await expect(panel.getByLabel(/Total/)).toHaveValue("4.14");
  await expect(panel.getByLabel(/Date/)).toHaveValue("2026-03-14");
  await expect(panel.getByRole("img", { name: /Receipt/ })).toBeVisible();
  await shoot(page, "receipt-panel");
  await panel.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("receipt-list")).toContainText("CORNER GROCER");
  await shoot(page, "receipts-list");
});

test("a PDF e-receipt is read from its text layer and shows its first page, with the PDF as a download", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto("/dashboard/receipts");
  await page.getByTestId("receipt-file-input").setInputFiles(GROCER_PDF);
  const panel = page.getByTestId("receipt-panel");
  await expect(panel.getByLabel(/Merchant/)).toHaveValue("CORNER GROCER", { timeout: 60_000 });
  await expect(panel.getByLabel(/Total/)).toHaveValue("4.14");
  await expect(panel.getByLabel(/Date/)).toHaveValue("2026-03-14");
  const picture = panel.getByRole("img", { name: /Receipt/ });
  await expect(picture).toBeVisible();
  // The picture loaded (the first page drawn by the worker), not a broken image.
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const download = panel.getByRole("link", { name: "Download the PDF" });
  await expect(download).toHaveAttribute("href", /\/api\/receipts\/[^/]+\/file$/);
  const response = await page.request.get((await download.getAttribute("href"))!);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
  await shoot(page, "receipt-panel-pdf");
});

// The reload matters: the server-rendered first page once left out the rows' receipt counts.
test("a receipt uploaded from a transaction's row gives it a receipt icon", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto("/dashboard/transactions");
  const row = page.getByTestId("transaction-row").first();
  await row.getByTestId("receipt-file-input").setInputFiles(GROCER);
  const panel = page.getByTestId("receipt-panel");
  await expect(panel.getByTestId("receipt-match")).toBeVisible({ timeout: 60_000 });
  await panel.getByRole("button", { name: "Close" }).click();
  await page.reload();
  await expect(page.getByTestId("transaction-row").first().getByTestId("receipt-icon")).toBeVisible();
  await page.getByTestId("transaction-row").first().getByTestId("receipt-icon").click();
  await expect(page.getByTestId("receipt-panel")).toBeVisible();
  await shoot(page, "transaction-receipt");
});

// The e2e server allows loopback (WEBHOOK_ALLOWED_CIDRS=127.0.0.0/8), as an operator would for
// an inner receiver; no public name resolves on a machine without outside network.
test("a webhook endpoint is added; its secret is shown once", async ({ page }) => {
  await signInAsDemo(page);
  await page.goto("/dashboard/settings/notifications");
  const section = page.locator("#webhooks");
  await section.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/tallyboard");
  await section.getByLabel(/Summary updated/).check();
  await section.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByTestId("webhook-secret")).toContainText("whsec_");
  await expect(page.getByTestId("webhook-endpoints")).toContainText("127.0.0.1:9/tallyboard");
  await section.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest");
  await section.getByRole("button", { name: "Add endpoint" }).click();
  await expect(section.getByRole("alert")).toContainText("private or internal address");
  await shoot(page, "settings-webhooks");
  await page.reload();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
});
