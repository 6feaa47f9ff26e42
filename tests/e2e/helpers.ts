import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import Redis from "ioredis";

// Shared steps of the browser tests.

export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@tallyboard.app");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

/** Registers a new person (`<prefix>-<time>@example.test`) and signs them in; returns the e-mail. */
export async function signUpAndSignIn(page: Page, prefix: string): Promise<string> {
  const email = `${prefix}-${Date.now()}@example.test`;
  expect((await page.request.post("/api/register", { data: { email, password: "password123", name: prefix } })).status()).toBe(201);
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  return email;
}

/**
 * Makes the next `attempts` attempts of a job type fail (lib/queue/fault-injection.ts; the e2e
 * server runs with JOB_FAULT_INJECTION=1 under the Bull prefix e2e-<E2E_RUN_ID>).
 */
export async function injectJobFailures(type: string, attempts: number): Promise<void> {
  await setHookKey(`fault:${type}`, String(attempts));
}

/**
 * Makes each progress step of a job type take at least `ms` (0 turns it off), so a short job's
 * bar can be watched moving (lib/queue/fault-injection.ts).
 */
export async function slowJobSteps(type: string, ms: number): Promise<void> {
  await setHookKey(`slow:${type}`, String(ms));
}

async function setHookKey(key: string, value: string): Promise<void> {
  const runId = process.env.E2E_RUN_ID;
  if (!runId) throw new Error("E2E_RUN_ID is unset: run the browser tests through playwright.config.ts");
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    await redis.set(`e2e-${runId}:tallyboard:${key}`, value);
  } finally {
    redis.disconnect();
  }
}

const DASHBOARD = path.resolve(__dirname, "../../app/(dashboard)");

/**
 * Every dashboard page on disk, so a page added later is checked without anyone listing it:
 * app/(dashboard)/dashboard/x/page.tsx → /dashboard/x. With `dynamic`, pages under a dynamic
 * segment too, as written (/dashboard/imports/[id]); the caller says how to open each.
 */
export function dashboardPages({ dynamic = false } = {}, dir = DASHBOARD): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry.startsWith("[") && !dynamic ? [] : dashboardPages({ dynamic }, full);
    if (entry !== "page.tsx") return [];
    const route = path.relative(DASHBOARD, dir).split(path.sep).filter((s) => !s.startsWith("(")).join("/");
    return [`/${route}`];
  });
}

/**
 * A new person's first hour: signed up, a bank statement imported (Bank of America's export, with
 * a preamble, so the import page lists skipped lines) and a budget over its amount (Groceries,
 * 150.00 for January 2024, in which the statement spent 187.99). The import history, the import
 * page, a budget card and the dashboard's budgets panel in states the demo user's pages do not
 * show. Returns the import's page.
 */
export async function signUpWithAnImportAndABudget(page: Page, prefix: string): Promise<{ importPath: string }> {
  // /login sends a signed-in person on to the dashboard.
  await page.context().clearCookies();
  await signUpAndSignIn(page, prefix);
  const uploaded = await page.request.post("/api/transactions/upload", {
    multipart: {
      file: { name: "bank-of-america.csv", mimeType: "text/csv", buffer: readFileSync(path.join(__dirname, "..", "fixtures", "csv", "bank-of-america.csv")) },
      autoConfirm: "true",
    },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(202);
  const { importId } = (await uploaded.json()) as { importId: string };
  await expect
    .poll(async () => ((await (await page.request.get(`/api/imports/${importId}`)).json()) as { import: { status: string } }).import.status, { timeout: 60_000 })
    .toBe("completed");
  const budget = await page.request.post("/api/budgets", {
    data: { title: "Groceries", amount: "150.00", period: "custom", startDate: "2024-01-01", endDate: "2024-01-31", keywords: ["safeway", "wholefds"] },
  });
  expect(budget.status(), await budget.text()).toBe(202);
  await expect
    .poll(async () => ((await (await page.request.get("/api/budgets")).json()) as { budgets: { status: string }[] }).budgets.map((b) => b.status), { timeout: 30_000 })
    .toEqual(["ready"]);
  return { importPath: `/dashboard/imports/${importId}` };
}
