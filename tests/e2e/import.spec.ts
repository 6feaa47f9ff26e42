import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { signUpAndSignIn } from "./helpers";

// Importing a bank statement as a person does it: upload a credit-card export, fix what
// detection could not know (the memo column holds categories; purchases are positive), watch
// the preview follow, confirm, watch the progress, and find the rows on the transactions page
// and in the dashboard's totals. And a file that is not a CSV is refused in words.

const FIXTURES = path.join(__dirname, "..", "fixtures", "csv");

async function signInAsDemo(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/** The dashboard's "N transactions in total", once the summary is not updating. */
async function dashboardTransactionCount(page: Page): Promise<number> {
  await page.goto("/dashboard");
  await expect(page.getByTestId("summary-updating")).toBeHidden({ timeout: 30_000 });
  const text = (await page.getByTestId("transaction-count").textContent()) ?? "";
  const n = Number(text.replace(/[^\d]/g, ""));
  expect(n).toBeGreaterThan(0);
  return n;
}

/**
 * A card export: purchases positive, the refund negative, a Memo column holding the category.
 * Dated today (UTC, as the seeded rows are), so the rows lead the newest-first list.
 */
function cardStatement(): { name: string; mimeType: string; buffer: Buffer } {
  const today = new Date().toISOString().slice(0, 10);
  const lines = [
    "Date,Description,Memo,Amount",
    `${today},E2E Corner Bakery,Groceries,4.50`,
    `${today},E2E Night Market,Groceries,62.10`,
    `${today},E2E Fuel Stop,Transport,45.00`,
    `${today},E2E City Parking,Transport,12.00`,
    `${today},E2E Record Shop,Shopping,23.99`,
    `${today},E2E Record Shop refund,Shopping,-8.20`,
  ];
  return { name: "e2e-card-statement.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`) };
}

test("upload a card export, fix the category column and the sign in the preview, import it and see it everywhere", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsDemo(page);
  const before = await dashboardTransactionCount(page);

  await page.getByRole("link", { name: "Imports" }).click();
  await expect(page).toHaveURL(/\/dashboard\/imports$/);
  const upload = page.getByTestId("upload-card");
  await upload.getByLabel("CSV file").setInputFiles(cardStatement());
  await expect(upload.getByTestId("chosen-file")).toContainText("e2e-card-statement.csv");
  await upload.getByLabel(/^Account/).selectOption({ label: "New account…" });
  await upload.getByLabel("New account name").fill("E2E Visa");
  await upload.getByRole("button", { name: /upload/i }).click();

  // The preview, as detected: Memo ignored, purchases read as money in.
  await expect(page).toHaveURL(/\/dashboard\/imports\/[^/]+$/);
  const preview = page.getByTestId("import-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("import-title")).toHaveText("e2e-card-statement.csv");
  const bakery = page.getByTestId("preview-row").filter({ hasText: "E2E Corner Bakery" });
  await expect(bakery.getByTestId("preview-amount").locator("[data-amount]")).toHaveAttribute("data-amount", "4.50");
  await expect(bakery.getByTestId("preview-category")).toHaveText("—");

  // Memo holds the category: the preview is read again with it.
  await page.getByLabel("Memo").selectOption("category");
  await expect(bakery.getByTestId("preview-category")).toHaveText("Groceries");
  await expect(page.getByTestId("preview-state")).toHaveAttribute("data-state", "ready");

  // Purchases are positive in this export: flip the sign.
  await page.getByTestId("invert-sign").check();
  await expect(bakery.getByTestId("preview-amount").locator("[data-amount]")).toHaveAttribute("data-amount", "-4.50");
  const refund = page.getByTestId("preview-row").filter({ hasText: "E2E Record Shop refund" });
  await expect(refund.getByTestId("preview-amount").locator("[data-amount]")).toHaveAttribute("data-amount", "8.20");
  await expect(page.getByTestId("preview-total-out")).toContainText("-$147.59");
  await expect(page.getByTestId("preview-state")).toHaveAttribute("data-state", "ready");

  // Confirm: the progress bar, then the result.
  await page.getByTestId("confirm-import").click();
  // Six rows can finish before the first check: the progress panel with its bar, or already
  // the result that replaces the panel.
  const progress = page.getByTestId("import-progress");
  const result = page.getByTestId("import-result");
  await expect(progress.getByRole("progressbar").or(result)).toBeVisible();
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-result-text")).toHaveText("Imported 6 transactions: 0 already present, 0 rows with errors.");
  await expect(page.getByTestId("count-imported")).toHaveText("6");
  await expect(page.getByTestId("import-status")).toHaveAttribute("data-status", "completed");
  await expect(page.getByTestId("issues-empty")).toBeVisible();

  // The history lists it with its counts and account.
  await page.getByRole("link", { name: "← All imports" }).click();
  const row = page.getByTestId("import-row").filter({ hasText: "e2e-card-statement.csv" });
  await expect(row).toHaveAttribute("data-status", "completed");
  await expect(row.getByTestId("import-imported")).toHaveText("6");

  // The transactions page shows them, money out, with the category from the memo column.
  await page.goto("/dashboard/transactions");
  const bakeryRow = page.getByTestId("transaction-row").filter({ hasText: "E2E Corner Bakery" });
  await expect(bakeryRow).toBeVisible();
  await expect(bakeryRow).toContainText("Groceries");
  await expect(bakeryRow.locator("[data-amount]")).toHaveAttribute("data-amount", "-4.50");
  await expect(page.getByTestId("transaction-row").filter({ hasText: "E2E Record Shop refund" }).locator("[data-amount]")).toHaveAttribute(
    "data-amount",
    "8.20",
  );

  // The dashboard's summary follows by itself (the recompute is debounced by 2.5 s here).
  await page.goto("/dashboard");
  await expect(page.getByTestId("transaction-count")).toContainText((before + 6).toLocaleString("en-US"), { timeout: 30_000 });
});

test("a file that is not a CSV, or an empty one, is refused in words and creates nothing", async ({ page }) => {
  await signInAsDemo(page);
  const listed = async () => ((await (await page.request.get("/api/imports")).json()) as { imports: unknown[] }).imports.length;
  const before = await listed();

  await page.goto("/dashboard/imports");
  const upload = page.getByTestId("upload-card");
  await upload.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "not-a-csv.png"));
  await upload.getByRole("button", { name: /upload/i }).click();
  await expect(page.getByTestId("upload-error")).toContainText(/not a text|binary|image|not a CSV/i);
  await expect(page).toHaveURL(/\/dashboard\/imports$/);

  await upload.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "empty.csv"));
  await upload.getByRole("button", { name: /upload/i }).click();
  await expect(page.getByTestId("upload-error")).toContainText(/empty/i);
  await expect(page).toHaveURL(/\/dashboard\/imports$/);

  expect(await listed()).toBe(before);
});

test("the same file again skips the preview and adds nothing; Undo from the history removes exactly the import's rows", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpAndSignIn(page, "import");
  const total = async () => ((await (await page.request.get("/api/transactions")).json()) as { total: number }).total;

  await page.goto("/dashboard/imports");
  await expect(page.getByTestId("imports-empty")).toBeVisible();
  const file = { name: "checking.csv", mimeType: "text/csv", buffer: Buffer.from("Date,Description,Amount\n2026-01-05,Rent,-1200.00\n2026-01-06,Salary,3000.00\n2026-01-07,Coffee,-3.20\n") };

  // First time: the preview, then confirm (the settings are remembered for this header).
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: /upload/i }).click();
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-result-text")).toHaveText("Imported 3 transactions: 0 already present, 0 rows with errors.", { timeout: 60_000 });
  expect(await total()).toBe(3);

  // Second time: the saved settings apply, so no preview; every row is already there.
  await page.goto("/dashboard/imports");
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: /upload/i }).click();
  await expect(page).toHaveURL(/\/dashboard\/imports\/[^/]+$/);
  await expect(page.getByTestId("import-result-text")).toHaveText("Imported 0 transactions: 3 already present, 0 rows with errors.", { timeout: 60_000 });
  await expect(page.getByTestId("import-preview")).toHaveCount(0);
  expect(await total()).toBe(3);
  // Nothing was added, so there is nothing to undo.
  await expect(page.getByTestId("undo-button")).toHaveCount(0);

  // Undo the first import from the history: a confirm step, then its progress.
  await page.goto("/dashboard/imports");
  const rows = page.getByTestId("import-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId("undo-button")).toHaveCount(0);
  const first = rows.nth(1);
  await expect(first.getByTestId("import-imported")).toHaveText("3");
  await first.getByTestId("undo-button").click();
  await first.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(first).toHaveAttribute("data-status", "completed");
  await first.getByTestId("undo-button").click();
  await first.getByRole("alertdialog").getByRole("button", { name: "Undo import" }).click();
  await expect(first).toHaveAttribute("data-status", "undone", { timeout: 60_000 });
  expect(await total()).toBe(0);
});

test("a statement with a preamble: the counts add up, in words", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpAndSignIn(page, "preamble");

  await page.goto("/dashboard/imports");
  await page.getByLabel("CSV file").setInputFiles(path.join(FIXTURES, "bank-of-america.csv"));
  await page.getByRole("button", { name: /upload/i }).click();
  await page.getByTestId("confirm-import").click();
  await expect(page.getByTestId("import-result")).toBeVisible({ timeout: 60_000 });

  const count = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? "").replace(/[^\d]/g, ""));
  const [imported, duplicates, skipped, errors] = [await count("count-imported"), await count("count-duplicates"), await count("count-skipped"), await count("count-errors")];
  const rowsText = (await page.getByTestId("count-processed").textContent()) ?? "";
  const total = Number(rowsText.split(" of ").at(-1)!.replace(/[^\d]/g, ""));
  expect(imported + duplicates + skipped + errors).toBe(total);
  const words = page.getByTestId("count-words");
  await expect(words).toContainText(`Of ${total} rows in the file, ${imported} imported, ${duplicates} already present, ${skipped} skipped and ${errors} with errors.`);
  await expect(words).toContainText(/\d+ more lines were not transactions \(the statement’s header lines or blank lines\)/);
  // The sentence at the top and the history say "skipped" of the same rows as the counter
  // (they said 7, the preamble's lines included, beside its 1).
  const skippedWords = skipped > 0 ? `${skipped} row${skipped === 1 ? "" : "s"} skipped, ` : "";
  await expect(page.getByTestId("import-result-text")).toHaveText(
    `Imported ${imported} transactions: ${duplicates} already present, ${skippedWords}${errors} row${errors === 1 ? "" : "s"} with errors.`,
  );
  await page.getByRole("link", { name: "← All imports" }).click();
  await expect(page.getByTestId("import-row").first().getByTestId("import-skipped")).toHaveText(String(skipped));
});
