import { expect, test } from "@playwright/test";

// The spine as a person sees it: sign up, add a transaction, and watch the dashboard
// recompute by itself, without a notification for the recompute.

test("sign up, add a transaction, see the dashboard update itself without a notification", async ({ page }) => {
  const email = `e2e-${Date.now()}@example.test`;

  await page.goto("/register");
  await page.getByLabel("Name").fill("Erin Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: /create account/i }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("dashboard-empty")).toBeVisible();

  await page.goto("/dashboard/transactions");
  const form = page.getByTestId("add-transaction-form");
  await form.getByLabel("Description").fill("Farmers market");
  await form.getByLabel("Amount").fill("42.50");
  await form.getByLabel("Category").fill("Groceries");
  await form.getByRole("button", { name: /add/i }).click();
  await expect(page.getByTestId("transaction-row").filter({ hasText: "Farmers market" })).toBeVisible();

  // The recompute is queued (the e2e stack debounces it by 2.5 s): the dashboard says so,
  // then shows the new numbers without a reload.
  await page.getByRole("link", { name: "Dashboard", exact: true }).click();
  await expect(page.getByTestId("summary-updating")).toBeVisible();
  const currentMonth = page.getByTestId("card-current-month");
  await expect(currentMonth).toContainText("42.50", { timeout: 30_000 });
  await expect(page.getByTestId("summary-updating")).toBeHidden();
  await expect(page.getByTestId("category-spend")).toContainText("Groceries");
  await expect(page.getByTestId("summary-updated-at")).toContainText(/updated/i);

  // A recompute is not news: the bell stays quiet (it used to count one per change).
  await page.reload();
  await expect(page.getByTestId("summary-updated-at")).toContainText(/updated/i);
  await expect(page.getByTestId("notification-badge")).toHaveCount(0);
  await page.getByRole("button", { name: /notifications/i }).click();
  await expect(page.getByTestId("notification-list")).toContainText("No notifications yet.");
});

test("the API refuses anonymous callers and hides other users' objects", async ({ page, request }) => {
  expect((await request.get("/api/summary")).status()).toBe(401);
  expect((await request.post("/api/transactions", { data: {} })).status()).toBe(401);
  expect((await request.get("/api/health")).status()).toBe(200);

  // Two users; the second asks for the first one's transaction and job.
  const make = async (email: string) => {
    const res = await page.request.post("/api/register", { data: { email, password: "password123", name: "U" } });
    expect(res.status()).toBe(201);
  };
  const a = `a-${Date.now()}@example.test`;
  const b = `b-${Date.now()}@example.test`;
  await make(a);
  await make(b);
  expect((await page.request.post("/api/register", { data: { email: a, password: "password123", name: "U" } })).status()).toBe(409);

  const signIn = async (email: string) => {
    await page.context().clearCookies();
    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("password123");
    await page.getByRole("button", { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/dashboard/);
  };

  await signIn(a);
  const created = await page.request.post("/api/transactions", {
    data: { date: "2026-01-15", description: "Private", amount: "-9.99" },
  });
  expect(created.status()).toBe(201);
  const { transaction, jobId } = await created.json();
  expect(transaction.amount).toBe("-9.99");

  const invalid = await page.request.post("/api/transactions", { data: { date: "2026-02-30", description: "", amount: "abc" } });
  expect(invalid.status()).toBe(422);
  const problem = await invalid.json();
  expect(Object.keys(problem.fields).sort()).toEqual(["amount", "date", "description"]);

  await signIn(b);
  expect((await page.request.patch(`/api/transactions/${transaction.id}`, { data: { amount: "-1.00" } })).status()).toBe(404);
  expect((await page.request.delete(`/api/transactions/${transaction.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/jobs/${jobId}`)).status()).toBe(404);
  const list = await (await page.request.get("/api/transactions")).json();
  expect(list.total).toBe(0);
});

test("too many changes in a minute get 429 with Retry-After, and nothing is saved past the limit", async ({ page }) => {
  const email = `limit-${Date.now()}@example.test`;
  expect((await page.request.post("/api/register", { data: { email, password: "password123", name: "L" } })).status()).toBe(201);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);

  const statuses: number[] = [];
  let limited: { retryAfter: string | undefined; body: { error: string } } | null = null;
  for (let i = 0; i < 21; i++) {
    const res = await page.request.post("/api/transactions", { data: { date: "2026-03-01", description: `n${i}`, amount: "-1.00" } });
    statuses.push(res.status());
    if (res.status() === 429) limited = { retryAfter: res.headers()["retry-after"], body: await res.json() };
  }
  expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
  expect(statuses[20]).toBe(429);
  expect(Number(limited!.retryAfter)).toBeGreaterThan(0);
  expect(limited!.body.error).toBe("rate_limited");
  expect((await (await page.request.get("/api/transactions")).json()).total).toBe(20);
});

test("delete a transaction after confirming, and cancel leaves it alone", async ({ page }) => {
  const email = `delete-${Date.now()}@example.test`;
  expect((await page.request.post("/api/register", { data: { email, password: "password123", name: "D" } })).status()).toBe(201);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  for (const description of ["Keep me", "Remove me"]) {
    await page.request.post("/api/transactions", { data: { date: "2026-04-01", description, amount: "-3.00" } });
  }

  await page.goto("/dashboard/transactions");
  const row = page.getByTestId("transaction-row").filter({ hasText: "Remove me" });
  await row.getByRole("button", { name: /delete/i }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: /delete/i }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId("transaction-row").filter({ hasText: "Remove me" })).toHaveCount(0);
  await expect(page.getByTestId("transaction-row").filter({ hasText: "Keep me" })).toBeVisible();
  expect((await (await page.request.get("/api/transactions")).json()).total).toBe(1);
});
