// npm's postinstall: generates the Prisma client (lib/generated) when the dev tools are there.
// A production install (`npm ci --omit=dev`, `NODE_ENV=production npm install`) has neither
// tsx nor the Prisma CLI; the worker it runs was compiled on a full install (dist/ holds the
// generated client, see README "The worker on a VM"), so there is nothing to generate.
// Plain JavaScript: it must run before any dev dependency exists.

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function resolves(specifier) {
  try {
    require.resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

if (!resolves("tsx/cli") || !resolves("prisma/package.json")) {
  console.log("postinstall: dev dependencies not installed; skipping prisma generate (a production install runs a prebuilt dist/)");
  process.exit(0);
}
const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/prisma-generate.ts"], { stdio: "inherit" });
process.exit(result.status ?? 1);
