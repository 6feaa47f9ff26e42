import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { errorResponse } from "../../lib/http/handle-route";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// bench/api (64 connections, one user) saw a third of POST /api/transactions answer 500: two
// requests naming a new category at once both inserted it (a unique violation), and requests
// queued on the user's row outwaited Prisma's transaction start (P2028).

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("contention");
});

afterAll(async () => {
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);

function burst(userId: string, n: number, category: (i: number) => string | undefined) {
  return Promise.allSettled(
    Array.from({ length: n }, (_, i) => createTransaction(userId, { date: today, description: `Coffee ${i}`, amount: -350n, category: category(i) })),
  );
}

describe("many changes of one user at once", () => {
  it("creates a new category named by concurrent requests once, with no failed request", async () => {
    const user = await createUser("contention-category");
    // Eight at a time: within the pool, so only the category race can fail a request.
    const results = await burst(user.id, 8, () => "Snacks");
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db().category.count({ where: { userId: user.id, name: "Snacks" } })).toBe(1);
    expect(await db().transaction.count({ where: { userId: user.id, category: { name: "Snacks" } } })).toBe(8);
  });

  it("answers a request the busy database could not take 503 with Retry-After, never 500", async () => {
    const user = await createUser("contention-burst");
    const results = await burst(user.id, 64, (i) => (i % 2 ? "Food" : undefined));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    for (const { reason } of refused) {
      const res = errorResponse(reason);
      expect(res.status, String(reason)).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("1");
    }
    const created = results.length - refused.length;
    expect(created).toBeGreaterThan(0);
    expect(await db().transaction.count({ where: { userId: user.id } })).toBe(created);
  });
});
