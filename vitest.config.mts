import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname } },
  test: {
    // Quiet logs unless asked for (TEST_LOG_LEVEL=info); lib/log.ts reads this at import.
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "lib/**/*.test.tsx", "components/**/*.test.tsx", "tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
          environment: "node",
          // A few unit tests do seconds of pure computation (a 500,000-row counter, 300 forecast
          // backtests); on a CI machine running every file at once, 5 s cut them off.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Each file has its own Postgres schema and Bull prefix, so files run in parallel.
          pool: "forks",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
