import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listRoute, POST as reviewRoute } from "../../app/api/transactions/review/route";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";
import { call } from "./import-helpers";

// POST /api/transactions/review: accepting and rejecting categorize suggestions in bulk, with
// another category or a corrected payee; all or nothing, scoped to the signed-in user.

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("review-suggestions", { RATE_LIMIT_PER_MINUTE: "0" });
});

afterAll(async () => {
  await env?.teardown();
});

/** A transaction the categorize job left for review with this suggestion. */
async function suggested(userId: string, description: string, suggestion: string | null) {
  const { transaction } = await createTransaction(userId, { date: "2026-11-20", description, amount: -2500n });
  await db().transaction.update({ where: { id: transaction.id }, data: { needsReview: true, suggestedCategory: suggestion, categoryConfidence: 0.55, payee: "Raw Payee" } });
  return transaction.id;
}

const review = (items: unknown) => call(reviewRoute, "/api/transactions/review", { json: { items } });

async function signIn(name: string) {
  const user = await createUser(name);
  session.user = { id: user.id, role: "USER" };
  return user;
}

describe("reviewing categorize suggestions", () => {
  it("accepts, picks another category, rejects and corrects a payee in one request", async () => {
    const user = await signIn("reviewer");
    const markt = await suggested(user.id, "MARKT HALLE NEUN", "Groceries");
    const boutique = await suggested(user.id, "BOUTIQUE LUNA", "Shopping");
    const mystery = await suggested(user.id, "XQZT 99812", null);
    await createTransaction(user.id, { date: "2026-11-01", description: "Gift for Sam", amount: -900n, category: "Gifts" });

    const listed = await call(listRoute, "/api/transactions/review");
    expect(listed.status).toBe(200);
    expect(listed.data.total).toBe(3);
    expect(listed.data.transactions.map((t: { suggestedCategory: string | null }) => t.suggestedCategory).sort()).toEqual(["Groceries", "Shopping", null]);
    expect(listed.data.categories).toEqual(["Gifts"]);

    const res = await review([
      { id: markt, action: "accept", payee: "Markthalle Neun" },
      { id: boutique, action: "accept", category: "Gifts" },
      { id: mystery, action: "reject" },
    ]);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    expect(res.data).toMatchObject({ accepted: 2, rejected: 1 });
    const rows = new Map((await db().transaction.findMany({ where: { userId: user.id }, include: { category: true } })).map((t) => [t.id, t]));
    expect(rows.get(markt)).toMatchObject({ payee: "Markthalle Neun", categorySource: "user", needsReview: false, suggestedCategory: null });
    expect(rows.get(markt)!.category!.name).toBe("Groceries");
    expect(rows.get(boutique)!.category!.name).toBe("Gifts");
    expect(rows.get(mystery)).toMatchObject({ categoryId: null, needsReview: false, suggestedCategory: null, payee: "Raw Payee" });
    expect((await call(listRoute, "/api/transactions/review")).data.total).toBe(0);
    // Categories change the spending breakdown: a summary recompute is queued.
    expect(await db().backgroundJob.count({ where: { id: res.data.jobId, type: QUEUE.financialSummary } })).toBe(1);
  });

  it("changes nothing when one id is another user's, and says which (404)", async () => {
    const owner = await createUser("owner-of-row");
    const theirs = await suggested(owner.id, "MARKT", "Groceries");
    const user = await signIn("prober");
    const mine = await suggested(user.id, "MARKT", "Groceries");
    const res = await review([
      { id: mine, action: "accept" },
      { id: theirs, action: "accept" },
    ]);
    expect(res.status).toBe(404);
    expect(res.data.message).toContain(theirs);
    expect(await db().transaction.findUniqueOrThrow({ where: { id: mine } })).toMatchObject({ needsReview: true, categoryId: null });
    expect(await db().transaction.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({ needsReview: true, categoryId: null });
  });

  it("refuses to accept a transaction without a suggestion unless a category is picked (422), and bad shapes", async () => {
    const user = await signIn("no-suggestion");
    const mystery = await suggested(user.id, "XQZT", null);
    const res = await review([{ id: mystery, action: "accept" }]);
    expect(res.status).toBe(422);
    expect(res.data.fields.items[0]).toContain("pick a category");
    expect(await db().transaction.findUniqueOrThrow({ where: { id: mystery } })).toMatchObject({ needsReview: true });

    expect((await review([])).status).toBe(422);
    expect((await review([{ id: mystery, action: "maybe" }])).status).toBe(422);
    expect((await review([{ id: mystery, action: "reject" }, { id: mystery, action: "accept", category: "X" }])).status).toBe(422);
    expect((await call(reviewRoute, "/api/transactions/review", { json: "nope" })).status).toBe(422);
  });

  it("asks for a sign-in first", async () => {
    session.user = null;
    expect((await review([{ id: "x", action: "reject" }])).status).toBe(401);
  });
});
