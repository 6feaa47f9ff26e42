// npm run db:generate (also the package.json postinstall)
//
// Runs `prisma generate`, offline-safe. The Prisma CLI resolves (and, if missing, downloads)
// its native schema engine even for `generate`, which never runs it; without network access
// that download fails. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing executable skips
// it. We only set it when it is not set already, and only for the child process.
// DATABASE_URL may be unset: prisma.config.ts falls back to a local URL, and generate does
// not connect to the database.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** An existing executable that exits at once if anything ever does run it. */
function placeholderEngine(): string {
  for (const candidate of ["/bin/true", "/usr/bin/true"]) {
    if (existsSync(candidate)) return candidate;
  }
  return process.execPath;
}

function main(): number {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !env.PRISMA_MIGRATION_ENGINE_BINARY) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = placeholderEngine();
  }

  let prismaCli: string;
  try {
    prismaCli = createRequire(path.join(projectRoot, "package.json")).resolve("prisma/build/index.js");
  } catch {
    console.error("db:generate: the `prisma` package is not installed (run `npm install`).");
    return 1;
  }

  const args = [prismaCli, "generate", ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, env, stdio: "inherit" });
  if (result.error) {
    console.error(`db:generate: could not run prisma generate: ${result.error.message}`);
    return 1;
  }
  if (result.status !== 0) {
    console.error(`db:generate: prisma generate failed (exit ${result.status ?? result.signal}).`);
    return result.status || 1;
  }
  return 0;
}

process.exitCode = main();
