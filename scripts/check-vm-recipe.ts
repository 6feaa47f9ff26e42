// npm run check:vm-recipe – runs README's "The worker on a VM" recipe on a clean clone of the
// current branch (its last commit) in a temporary folder, as an operator would:
//   1. npm ci                     full install (the Prisma client is generated in postinstall)
//   2. npm run build:worker       tsc → dist/
//   3. npm prune --omit=dev       drop the build tools
//   4. npm run start:worker       must reach "[worker] ready"; node on dist/ (as PM2 and
//                                 systemd run it) must also exit 0 on SIGTERM
//   5. rm -rf node_modules && npm ci --omit=dev, then node on dist/ again
//                                 a production-only install beside a prebuilt dist/
// Slow (two installs) and heavy: run it under the machine's lock, not in `npm test`:
//   DATABASE_URL=… REDIS_URL=… flock /tmp/tallyboard-heavy.lock npm run check:vm-recipe

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";

const ROOT = path.resolve(__dirname, "..");

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}`);
  console.log(`check:vm-recipe: ${command} ${args.join(" ")} ok in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * Starts the worker and waits for "[worker] ready". `npm run start:worker` is stopped as a
 * process group (npm itself dies of the signal); the command PM2 and systemd run (node on
 * dist/) must exit 0 on SIGTERM.
 */
async function startAndStopWorker(cwd: string, env: NodeJS.ProcessEnv, via: "npm" | "node"): Promise<void> {
  const [command, args] =
    via === "npm"
      ? ["npm", ["run", "-s", "start:worker"]]
      : [process.execPath, ["--max-old-space-size=256", "dist/scripts/processFinancialSummaryQueue.js"]];
  const child = spawn(command, args as string[], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!output.includes("[worker] ready")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker did not start:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-child.pid!, "SIGTERM");
  const code = await exited;
  if (via === "node" && code !== 0) throw new Error(`the worker exited ${code} after SIGTERM:\n${output.slice(-3000)}`);
  console.log(`check:vm-recipe: the worker (via ${via}) reached ready${via === "node" ? " and exited 0 on SIGTERM" : ""}`);
}

async function main(): Promise<void> {
  const branch = spawnSync("git", ["rev-parse", "--abbrev-ref", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const id = randomBytes(4).toString("hex");
  const schema = `vm_recipe_${id}`;
  const databaseUrl = withSchemaParam(base, schema);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tallyboard-vm-"));
  const clone = path.join(dir, "tallyboard");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    BULL_PREFIX: `vm-recipe-${id}`,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
  };
  await applyMigrations(databaseUrl);
  try {
    run(dir, "git", ["clone", "--quiet", "--branch", branch, ROOT, clone]);
    run(clone, "npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--include=dev"], env);
    run(clone, "npm", ["run", "-s", "build:worker"], env);
    run(clone, "npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], env);
    await startAndStopWorker(clone, env, "npm");
    await startAndStopWorker(clone, env, "node");
    rmSync(path.join(clone, "node_modules"), { recursive: true, force: true });
    run(clone, "npm", ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], env);
    await startAndStopWorker(clone, env, "node");
    console.log(`check:vm-recipe: passed on a clean clone of ${branch}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(base, schema);
  }
}

main().catch((err) => {
  console.error(`check:vm-recipe: FAILED: ${(err as Error).message}`);
  process.exit(1);
});
