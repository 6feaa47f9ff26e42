import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright runs against Debian's Chromium (browsers cannot be downloaded here).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = process.env.E2E_PORT ?? "3100";
// One id per run, shared by the web server (its schema and Bull prefix) and the test workers
// (they inherit this process's environment), so a test can reach the run's Redis keys.
process.env.E2E_RUN_ID ??= randomBytes(4).toString("hex");

export default defineConfig({
  testDir: "tests/e2e",
  // screenshots.spec.ts takes pictures for a person to look at, not a check: it runs only
  // when SCREENSHOT_DIR names a folder.
  testIgnore: process.env.SCREENSHOT_DIR ? [] : ["**/screenshots.spec.ts"],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: fs.existsSync(chromium) ? chromium : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/api/health`,
    // e2e-server runs `next build` first: about 2 min on a quiet 2-core machine, over 5 on a busy one.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
