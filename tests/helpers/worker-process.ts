import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Starts scripts/processFinancialSummaryQueue.ts as a child process with this test's env; with
 * `compiled`, the CommonJS build of it (`npm run build:worker`) as `npm run start:worker` does.
 */
export function spawnWorker(
  env: Record<string, string> = {},
  options: { compiled?: boolean } = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const args = options.compiled
    ? ["--max-old-space-size=256", path.join(ROOT, "dist/scripts/processFinancialSummaryQueue.js")]
    : ["--import", "tsx", path.join(ROOT, "scripts/processFinancialSummaryQueue.ts")];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}
