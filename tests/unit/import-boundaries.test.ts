import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The layer rule of docs/architecture.md, through the project's own ESLint config: the queue
// machinery may import infrastructure, never a job type or a domain folder.

const eslint = new ESLint({ cwd: path.resolve(__dirname, "../..") });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.resolve(__dirname, "../..", file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lib/queue import boundary", () => {
  it("refuses a job definition, a domain folder or the composition root", async () => {
    for (const from of ["../jobs/job-names", "../summary/request-summary", "../budgets/budgets", "../worker/job-registry"]) {
      const messages = await restrictedImports("lib/queue/probe.ts", `import { x } from "${from}";\nexport const y = x;\n`);
      expect(messages, from).toHaveLength(1);
      expect(messages[0]).toContain("lib/queue knows no job type");
    }
  }, 60_000);

  it("allows the process's infrastructure", async () => {
    const source = ['import { db } from "../db";', 'import { env } from "../env";', 'import { getRedis } from "../redis";', 'import type { Prisma } from "../generated/prisma/client";', "export const all = [db, env, getRedis] as unknown as Prisma.JsonValue;", ""].join("\n");
    expect(await restrictedImports("lib/queue/probe.ts", source)).toEqual([]);
  }, 60_000);

  it("does not apply to the job files, which sit above the queue layer", async () => {
    expect(await restrictedImports("lib/jobs/probe.ts", 'import { x } from "../summary/request-summary";\nexport const y = x;\n')).toEqual([]);
  }, 60_000);
});
