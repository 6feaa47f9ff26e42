import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { injectJobFailures, signInAsDemo, signUpAndSignIn } from "./helpers";

// Issue 16's items 1, 6 and 7 where a person sees them (first-hour.spec.ts has the phone, dark
// mode, the dashboard and the keyboard): the bell tells news, not recomputes, and obeys the
// in-app choice per kind; a fixed bill's forecast range is the bill; percentages rounded;
// budget periods in words; the invert-sign note names the checkbox on screen; a month past 13
// digits still has its bar; an admin sees job owners by e-mail.

/** The e2e server's database: its schema is e2e_<run id> (scripts/e2e-server.ts). */
function onSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

const today = () => new Date().toISOString().slice(0, 10);

/** A bank export with a category column: its rows are filed on import, so categorize has nothing to ask. */
function statement(name: string, rows: [date: string, description: string, amount: string][]) {
  const lines = rows.map(([date, description, amount]) => `${date},${description},Groceries,${amount}`);
  return { name, mimeType: "text/csv", buffer: Buffer.from(`Date,Description,Category,Amount\n${lines.join("\n")}\n`) };
}

async function uploadAndWait(page: Page, file: ReturnType<typeof statement>, status: "completed" | "failed") {
  const res = await page.request.post("/api/transactions/upload", { multipart: { file, autoConfirm: "true" } });
  expect(res.status(), await res.text()).toBe(202);
  const { importId } = (await res.json()) as { importId: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/imports/${importId}`)).json()) as { import: { status: string } }).import.status, { timeout: 60_000 })
    .toBe(status);
}

/** Every job of the person's is done (completed, failed or cancelled): nothing more will notify. */
async function jobsSettled(page: Page) {
  await expect
    .poll(async () => {
      const { jobs } = (await (await page.request.get("/api/jobs?limit=50")).json()) as { jobs: { status: string }[] };
      return jobs.filter((j) => !["completed", "failed", "cancelled"].includes(j.status)).length;
    }, { timeout: 60_000 })
    .toBe(0);
}

test("the bell tells of a finished import and a failed job, not of edits; turning a kind off in the app silences it", async ({ page }) => {
  test.setTimeout(180_000);
  await signUpAndSignIn(page, "bell");
  const bell = page.getByRole("button", { name: /^Notifications/ });

  // An import: one notification (its own categorize run has nothing to ask, so it stays quiet).
  await uploadAndWait(page, statement("first.csv", [[today(), "E2E BAKERY", "-4.50"], [today(), "E2E MARKET", "-20.00"], [today(), "E2E GROCER", "-7.25"]]), "completed");
  await jobsSettled(page);
  await page.goto("/dashboard");
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  const list = page.getByTestId("notification-list");
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText("Imported 3 transactions");

  // Adds and a delete recompute the summary: no notification.
  for (const amount of ["-3.00", "-4.00"]) {
    expect((await page.request.post("/api/transactions", { data: { date: today(), description: "E2E edit", amount } })).status()).toBe(201);
  }
  const { transactions } = (await (await page.request.get("/api/transactions?q=E2E%20edit")).json()) as { transactions: { id: string }[] };
  expect((await page.request.delete(`/api/transactions/${transactions[0].id}`)).status()).toBe(200);
  await page.goto("/dashboard");
  await expect(page.getByTestId("transaction-count")).toContainText("4", { timeout: 30_000 });
  await jobsSettled(page);
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

  // Imports off in the app: the next import finishes without a word.
  await page.goto("/dashboard/settings/notifications");
  await page.getByRole("switch", { name: "Imports: in the app" }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("preferences-saved")).toContainText("Saved.");
  await uploadAndWait(page, statement("second.csv", [[today(), "E2E BUTCHER", "-12.00"]]), "completed");
  await jobsSettled(page);
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

  // An import that fails for good is news of another kind.
  await injectJobFailures("csv-import", 3);
  await uploadAndWait(page, statement("third.csv", [[today(), "E2E FLORIST", "-9.00"]]), "failed");
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread", { timeout: 30_000 });
  await bell.click();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(list.getByRole("listitem").first()).toContainText("An import failed");
});

test("the demo's rent of 2,150 a month: a forecast range of 2,150–2,150 in 30 days and 6,450–6,450 in 90", async ({ page }) => {
  await signInAsDemo(page);
  const housing = page.getByTestId("forecast-categories").getByRole("row", { name: /^Housing/ });
  await expect(housing).toContainText("$2,150.00 ($2,150.00 – $2,150.00)");
  await expect(housing).toContainText("$6,450.00 ($6,450.00 – $6,450.00)");
});

test("a budget 145.27 % spent reads 145.3 % on its card and the dashboard, and its notification names the period in words", async ({ page }) => {
  await signUpAndSignIn(page, "budget-words");
  for (const amount of ["-100.00", "-45.27"]) {
    expect((await page.request.post("/api/transactions", { data: { date: today(), description: "E2E PCT MARKET", amount } })).status()).toBe(201);
  }
  const created = await page.request.post("/api/budgets", { data: { title: "Market", amount: "100.00", period: "monthly", keywords: ["e2e pct"] } });
  expect(created.status()).toBe(202);

  await page.goto("/dashboard/budgets");
  const card = page.getByTestId("budget-card").filter({ hasText: "Market" });
  await expect(card).toHaveAttribute("data-status", "ready", { timeout: 30_000 });
  await expect(card.getByTestId("budget-ready")).toContainText("145.3%");
  await expect(card.getByTestId("budget-spent")).toHaveText("$145.27 / $100.00");

  await page.goto("/dashboard");
  await expect(page.getByTestId("budgets-panel-item").filter({ hasText: "Market" })).toContainText("145.3%");

  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  const note = page.getByTestId("notification-list").getByRole("listitem").first();
  await expect(note).toContainText("145.3%");
  const month = new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" }).format(new Date());
  await expect(note).toContainText(new RegExp(`for ${month} 1\\s–\\s\\d{2}, \\d{4}`));
  await expect(note).not.toContainText(/\d{4}-\d{2}-\d{2}/);
});

test("the import note on a card export names the checkbox the preview shows", async ({ page }) => {
  await signUpAndSignIn(page, "invert-note");
  await page.goto("/dashboard/imports");
  const rows = ["2026-11-02,CORNER BAKERY,4.50", "2026-11-03,CITY PARKING,12.00", "2026-11-04,RECORD SHOP,23.99", "2026-11-05,FUEL STOP,45.00", "2026-11-10,PAYMENT THANK YOU,-85.49"];
  await page.getByLabel("CSV file").setInputFiles({ name: "card.csv", mimeType: "text/csv", buffer: Buffer.from(`Date,Description,Amount\n${rows.join("\n")}\n`) });
  await page.getByRole("button", { name: /upload/i }).click();
  const note = page.getByTestId("detection").locator('[data-code="sign_inverted"]');
  await expect(note).toBeVisible({ timeout: 30_000 });
  const named = /Untick "([^"]+)"/.exec((await note.textContent()) ?? "")?.[1];
  expect(named, "the note names a checkbox").toBeTruthy();
  await expect(page.getByRole("checkbox", { name: named! })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: named! })).toHaveAttribute("data-testid", "invert-sign");
});

test("a month whose income has 14 digits still draws its bar, with the currency's symbol", async ({ page }) => {
  await signUpAndSignIn(page, "big-month");
  for (let i = 0; i < 2; i++) {
    expect((await page.request.post("/api/transactions", { data: { date: today(), description: "E2E windfall", amount: "9999999999999.99" } })).status()).toBe(201);
  }
  await page.goto("/dashboard");
  await expect(page.getByTestId("card-current-month")).toContainText("$19,999,999,999,999.98", { timeout: 30_000 });
  const bar = page.getByTestId("monthly-chart").locator("rect", { has: page.locator("title", { hasText: "income: $19,999,999,999,999.98" }) });
  await expect(bar).toHaveCount(1);
  expect(Number(await bar.getAttribute("height"))).toBeGreaterThan(100);
  await expect(page.getByTestId("monthly-chart")).toContainText("$20T");
});

test("an admin's jobs list names each job's owner by e-mail, on a wide screen and a phone", async ({ page }) => {
  const email = await signUpAndSignIn(page, "admin-owners");
  const runId = process.env.E2E_RUN_ID;
  const base = process.env.DATABASE_URL;
  if (!runId || !base) throw new Error("run through playwright.config.ts with DATABASE_URL set");
  // Admin is the operator's grant (npm run admin), made on the e2e server's schema.
  const grant = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "grant", email], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, DATABASE_URL: onSchema(base, `e2e_${runId}`) },
    encoding: "utf8",
  });
  expect(grant.status, grant.stderr).toBe(0);

  await page.goto("/dashboard/background-jobs");
  await expect(page.getByTestId("jobs-scope")).toBeVisible();
  const table = page.getByTestId("jobs-table");
  await expect(table).toContainText("demo@tallyboard.app");
  await expect(table).not.toContainText(/User [a-z0-9]{8}/i);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(table.getByTestId("job-row").filter({ hasText: "demo@tallyboard.app" }).first()).toBeVisible();
  const right = await table.evaluate((t) => t.getBoundingClientRect().right);
  expect(right).toBeLessThanOrEqual(391);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("reviewing is quick by keyboard: select all, reject in bulk, and the keyboard stays on the page", async ({ page }) => {
  await signUpAndSignIn(page, "bulk-reject");
  expect((await page.request.post("/api/transactions", { data: { date: today(), description: "Dinner with Sam", amount: "-42.00", category: "Dining" } })).status()).toBe(201);
  for (const description of ["XQZT 99812 REF 0021", "QRVX 55120 REF 0394"]) {
    expect((await page.request.post("/api/transactions", { data: { date: today(), description, amount: "-12.34" } })).status()).toBe(201);
  }
  await page.goto("/dashboard/transactions");
  await page.getByTestId("categorize-button").click();
  await expect(page.getByTestId("categorize-panel").getByTestId("job-progress")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  const panel = page.getByTestId("review-panel");
  await expect(panel.getByTestId("review-count")).toHaveText(/^2 transactions need your word/);

  // One by keyboard: its Reject button goes away with it, the keyboard stays in the panel.
  await panel.getByTestId("review-item").filter({ hasText: "XQZT" }).getByRole("button", { name: /^Reject/ }).focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByTestId("review-count")).toHaveText(/^1 transaction needs your word/);
  await expect(panel.getByRole("heading", { name: "Review suggestions" })).toBeFocused();

  // The rest in bulk: the panel goes, the keyboard lands on the list.
  await panel.getByTestId("review-select-all").check();
  await panel.getByTestId("review-reject-selected").click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole("heading", { name: "History" })).toBeFocused();
});
