import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ENV_NAMES, serverEnvDefaults } from "../../lib/env";

// Issue 11, "keep it from coming back": every limit is an env variable with a safe default,
// listed in the README and .env.example. This reads the variables from lib/env.ts's schema, so
// one added there without its documentation fails here.

const ROOT = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");

/** Set by the tooling or the platform, never by an operator's .env. */
const NOT_IN_ENV_EXAMPLE: Record<string, string> = {
  NODE_ENV: "set by next build/start and the test runner",
  VERCEL: "set by the Vercel platform",
};

/** KEY=value lines of .env.example, commented-out ones included ("# KEY=value"). */
function exampleValues(): Map<string, { value: string; commented: boolean }> {
  const values = new Map<string, { value: string; commented: boolean }>();
  for (const line of example.split("\n")) {
    const match = /^(# )?([A-Z][A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[2], { value: match[3], commented: Boolean(match[1]) });
  }
  return values;
}

describe("the environment's documentation", () => {
  it("names every variable lib/env.ts reads in README.md", () => {
    expect(SERVER_ENV_NAMES.filter((name) => !new RegExp(`\\b${name}\\b`).test(readme))).toEqual([]);
  });

  it("lists every variable in .env.example", () => {
    const listed = exampleValues();
    expect(SERVER_ENV_NAMES.filter((name) => !(name in NOT_IN_ENV_EXAMPLE) && !listed.has(name))).toEqual([]);
  });

  it("shows each numeric limit in .env.example with the default the code uses", () => {
    const defaults = serverEnvDefaults() as Record<string, unknown>;
    const wrong: string[] = [];
    for (const [name, { value, commented }] of exampleValues()) {
      const fallback = defaults[name];
      if (commented || typeof fallback !== "number") continue;
      if (Number(value) !== fallback) wrong.push(`${name}=${value} in .env.example, ${fallback} in lib/env.ts`);
    }
    expect(wrong).toEqual([]);
  });
});
