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
