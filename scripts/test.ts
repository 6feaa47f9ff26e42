// npm test: every test. Unit and integration tests (vitest) against the real Postgres and
// Redis, then the browser tests (Playwright, Chromium). Uses DATABASE_URL / REDIS_URL when
// set; otherwise the same local Postgres and Redis that `npm run dev` starts.
//
//   npm test                    all of it
//   npm test -- --skip-e2e      vitest only (and no drills: they need the browser tests' build)
//   npm test -- --skip-drills   no failure drills
//
// After the browser tests, the cheap failure drills (scripts/drills/) run on the build those
// made: each starts its own Postgres and Redis, so they do not touch the stack above.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startLocalStack } from "./local-stack";

const ROOT = path.resolve(__dirname, "..");
const RESULTS = path.join(ROOT, "test-results");
// The drills that finish in about a minute each, made smaller (docs/reliability.md has the
// figures); the long ones (a 200,000-row import killed ten times, a Postgres blip, three workers)
// are run by hand.
const CHEAP_DRILLS: Record<string, Record<string, string>> = {
  sigterm: { DRILL_IMPORT_ROWS: "100000" },
  "redis-outage": { DRILL_OUTAGE_MS: "15000" },
};

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): boolean {
  console.log(`\n[test] ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: "inherit" });
  return result.status === 0;
}

function vitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? 1 : 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

function playwrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
}

/** The failed tests of a vitest JSON report, file and name, with the first line of the reason. */
function vitestFailures(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  try {
    return vitestFailuresOf(JSON.parse(fs.readFileSync(file, "utf8")));
  } catch {
    return [`(could not read ${path.relative(ROOT, file)})`];
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function vitestFailuresOf(report: any): string[] {
  const out: string[] = [];
  for (const suite of report.testResults ?? []) {
    const where = path.relative(ROOT, suite.name ?? "");
    const failed = (suite.assertionResults ?? []).filter((a: { status: string }) => a.status === "failed");
    for (const a of failed) out.push(`${where} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (suite.status === "failed" && failed.length === 0) out.push(`${where}: ${firstLine(suite.message)}`);
  }
  return out;
}

interface PlaywrightSuite {
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
}

/** The failed (or flaky) tests of Playwright's JSON report. */
function playwrightFailures(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const out: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === "unexpected" || test.status === "flaky") {
          const error = test.results.find((r) => r.error)?.error?.message;
          out.push(`${spec.file}:${spec.line} › ${spec.title} (${test.status}): ${firstLine(error)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  try {
    for (const suite of JSON.parse(fs.readFileSync(file, "utf8")).suites ?? []) walk(suite);
  } catch {
    out.push(`(could not read ${path.relative(ROOT, file)})`);
  }
  return out;
}

function firstLine(text: string | undefined): string {
  const plain = (text ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim();
  return plain.split("\n")[0].slice(0, 300);
}

async function main(): Promise<number> {
  const skipE2e = process.argv.includes("--skip-e2e");
  const stack = await startLocalStack({ log: (line) => console.log(`[test] ${line}`) });
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: stack.databaseUrl, REDIS_URL: stack.redisUrl };
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });

  try {
    const vitestReport = path.join(RESULTS, "vitest.json");
    const vitestOk = run("unit + integration", "npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`], env);
    const totals = vitestCounts(vitestReport);
    const failures = vitestFailures(vitestReport);
    let ok = vitestOk;

    if (!skipE2e) {
      const e2eOk = run("browser (Playwright)", "npx", ["playwright", "test"], env);
      const e2e = playwrightCounts(path.join(RESULTS, "e2e.json"));
      failures.push(...playwrightFailures(path.join(RESULTS, "e2e.json")));
      if (!e2eOk && e2e.failed === 0) {
        // Playwright failed before any test did (the web server did not start, say).
        e2e.failed = 1;
        failures.push("browser tests: Playwright failed before running them (see its output above)");
      }
      totals.passed += e2e.passed;
      totals.failed += e2e.failed;
      totals.skipped += e2e.skipped;
      ok = ok && e2eOk;
      if (!process.argv.includes("--skip-drills")) {
        for (const [drill, sizes] of Object.entries(CHEAP_DRILLS)) {
          const drillOk = run(`failure drill ${drill}`, "npm", ["run", `drill:${drill}`], { ...env, ...sizes });
          if (drillOk) totals.passed++;
          else {
            totals.failed++;
            failures.push(`failure drill ${drill}`);
          }
          ok = ok && drillOk;
        }
      }
    }
    if (!ok && totals.failed === 0) totals.failed = 1;
    if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
    return ok ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
