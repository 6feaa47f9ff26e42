import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccount } from "../../lib/accounts/accounts";
import { db } from "../../lib/db";
import { transferMatchingJob } from "../../lib/jobs/transfer-matching";
import { linkTransfer, transferCandidates, unlinkTransfer } from "../../lib/transfers/link-transfers";
import { createTransaction, updateTransaction } from "../../lib/transactions/transactions";
import { listTransactions } from "../../lib/transactions/list-transactions";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";

// Issue 14, transfers: the transfer-matching job pairs the two sides after a change, a person
// can unlink a pair (never paired again) or link two rows by hand (never undone by the job).
// Postgres, Redis, the worker and the route handlers are real; only the session lookup is replaced.

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("transfers", { RATE_LIMIT_PER_MINUTE: "0" });
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

async function userWithAccounts(name: string) {
  const user = await createUser(name);
  const checking = (await createAccount(user.id, { name: "Everyday Checking", institution: null, type: "checking" })).account;
  const savings = (await createAccount(user.id, { name: "Savings", institution: null, type: "savings" })).account;
  const card = (await createAccount(user.id, { name: "Sapphire Visa", institution: null, type: "credit_card" })).account;
  const euro = (await createAccount(user.id, { name: "Euro Account", institution: null, type: "checking", currency: "EUR" })).account;
  return { user, checking, savings, card, euro };
}

/** Waits until the user's transfer-matching runs are all done (and at least `atLeast` finished). */
async function matchingSettled(userId: string, atLeast = 1) {
  await waitFor("transfer matching to settle", async () => {
    const runs = await db().backgroundJob.findMany({ where: { userId, type: "transfer-matching" }, select: { status: true } });
    if (runs.some((r) => r.status === "failed")) throw new Error("a transfer-matching run failed");
    const done = runs.filter((r) => r.status === "completed").length;
    return done >= atLeast && runs.every((r) => r.status === "completed") ? true : null;
  }, 60_000);
}

const peerOf = async (id: string) => (await db().transaction.findUnique({ where: { id }, select: { transferPeerId: true } }))?.transferPeerId ?? null;

async function call(method: string, path: string, handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, id: string, body?: string, contentType = "application/json") {
  const req = new NextRequest(new URL(`http://localhost/api/transactions/${encodeURIComponent(id)}/${path}`), {
    method,
    body,
    headers: body !== undefined ? { "content-type": contentType } : {},
  });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("the transfer-matching job", () => {
  it("pairs a savings → checking transfer and a card payment after the rows are added, and the list shows the other side", async () => {
    const { user, checking, savings, card } = await userWithAccounts("pairs");
    const out = await createTransaction(user.id, { date: "2026-03-02", description: "Transfer to Everyday Checking", amount: -50000n, accountId: savings.id });
    const inn = await createTransaction(user.id, { date: "2026-03-03", description: "Online transfer from Savings", amount: 50000n, accountId: checking.id });
    const pay = await createTransaction(user.id, { date: "2026-03-05", description: "SAPPHIRE AUTOPAY", amount: -80000n, accountId: checking.id });
    const paid = await createTransaction(user.id, { date: "2026-03-07", description: "AUTOMATIC PAYMENT - THANK YOU", amount: 80000n, accountId: card.id });
    // A purchase with no other side stays as it is.
    const coffee = await createTransaction(user.id, { date: "2026-03-03", description: "Coffee", amount: -450n, accountId: checking.id });
    await matchingSettled(user.id);
    await waitFor("the pairs", async () => (await peerOf(out.transaction.id)) && (await peerOf(pay.transaction.id)));

    expect(await peerOf(out.transaction.id)).toBe(inn.transaction.id);
    expect(await peerOf(inn.transaction.id)).toBe(out.transaction.id);
    expect(await peerOf(pay.transaction.id)).toBe(paid.transaction.id);
    expect(await peerOf(paid.transaction.id)).toBe(pay.transaction.id);
    expect(await peerOf(coffee.transaction.id)).toBeNull();

    const list = await listTransactions(user.id, { limit: 10 });
    const row = list.transactions.find((t) => t.id === inn.transaction.id)!;
    expect(row.transfer).toEqual({ peerId: out.transaction.id, accountName: "Savings" });
    expect(list.transactions.find((t) => t.id === coffee.transaction.id)!.transfer).toBeNull();
  });

  it("bumps the data version when it pairs, so the summary recomputes", async () => {
    const { user, checking, savings } = await userWithAccounts("version");
    await createTransaction(user.id, { date: "2026-04-01", description: "Transfer", amount: -1000n, accountId: checking.id });
    await createTransaction(user.id, { date: "2026-04-01", description: "Transfer", amount: 1000n, accountId: savings.id });
    await matchingSettled(user.id);
    const pairedRows = await db().transaction.count({ where: { userId: user.id, transferPeerId: { not: null } } });
    expect(pairedRows).toBe(2);
    // Two creates bump it twice; the pairing once more.
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion).toBe(3n);
  });

  it("does not pair again a pair the person unlinked, after the next run", async () => {
    const { user, checking, savings } = await userWithAccounts("unlink");
    const a = await createTransaction(user.id, { date: "2026-05-10", description: "Transfer", amount: -7000n, accountId: checking.id });
    const b = await createTransaction(user.id, { date: "2026-05-11", description: "Transfer", amount: 7000n, accountId: savings.id });
    await matchingSettled(user.id);
    expect(await peerOf(a.transaction.id)).toBe(b.transaction.id);

    await unlinkTransfer(user.id, b.transaction.id);
    expect(await peerOf(a.transaction.id)).toBeNull();
    expect(await peerOf(b.transaction.id)).toBeNull();
    // A later change in the same dates runs the job over them again.
    // Counted before the change: counted after it, a quick run could already be in the count.
    const runsBefore = await db().backgroundJob.count({ where: { userId: user.id, type: "transfer-matching", status: "completed" } });
    await updateTransaction(user.id, a.transaction.id, { description: "Transfer to savings" });
    await matchingSettled(user.id, runsBefore + 1);
    expect(await peerOf(a.transaction.id)).toBeNull();
    expect(await peerOf(b.transaction.id)).toBeNull();
  });

  it("undoes its own pair when an edit breaks it, never one linked by hand", async () => {
    const { user, checking, savings, euro } = await userWithAccounts("broken");
    const a = await createTransaction(user.id, { date: "2026-06-01", description: "Transfer", amount: -2500n, accountId: checking.id });
    const b = await createTransaction(user.id, { date: "2026-06-01", description: "Transfer", amount: 2500n, accountId: savings.id });
    await matchingSettled(user.id);
    expect(await peerOf(a.transaction.id)).toBe(b.transaction.id);
    await updateTransaction(user.id, b.transaction.id, { amount: 2400n });
    await waitFor("the broken pair to be undone", async () => (await peerOf(a.transaction.id)) === null);
    expect(await peerOf(b.transaction.id)).toBeNull();

    // By hand, across currencies and amounts: the job leaves it be.
    const c = await createTransaction(user.id, { date: "2026-06-03", description: "Wise to EUR", amount: -10000n, accountId: checking.id });
    const d = await createTransaction(user.id, { date: "2026-06-04", description: "From USD", amount: 9150n, accountId: euro.id });
    await expect(linkTransfer(user.id, { id: c.transaction.id, peerId: d.transaction.id })).rejects.toMatchObject({ code: "validation_failed" });
    await linkTransfer(user.id, { id: c.transaction.id, peerId: d.transaction.id, allowCurrencyMismatch: true });
    const runsBefore = await db().backgroundJob.count({ where: { userId: user.id, type: "transfer-matching", status: "completed" } });
    await updateTransaction(user.id, d.transaction.id, { description: "From USD account" });
    await matchingSettled(user.id, runsBefore + 1);
    expect(await peerOf(c.transaction.id)).toBe(d.transaction.id);
    expect(await peerOf(d.transaction.id)).toBe(c.transaction.id);
  });

  it("leaves two equally good candidates unpaired", async () => {
    const { user, checking, savings, card } = await userWithAccounts("tie");
    // Written at once (an import's batch): one run sees all three.
    const row = (accountId: string, date: string, description: string, amountMinor: bigint) => ({ userId: user.id, accountId, date: new Date(`${date}T00:00:00Z`), description, amountMinor });
    await db().transaction.createMany({
      data: [row(checking.id, "2026-07-03", "Transfer", -4000n), row(savings.id, "2026-07-02", "Transfer", 4000n), row(card.id, "2026-07-04", "Transfer", 4000n)],
    });
    await transferMatchingJob.enqueue({ userId: user.id, from: "2026-07-02", to: "2026-07-04" });
    await matchingSettled(user.id);
    expect(await db().transaction.count({ where: { userId: user.id, transferPeerId: { not: null } } })).toBe(0);
  });

  it("widens a pending run's dates to cover every change attached to it", async () => {
    const user = await createUser("widen");
    const request = (from: string, to: string) => db().$transaction((tx) => transferMatchingJob.request(tx, { userId: user.id, from, to }));
    const first = await request("2026-05-10", "2026-05-12");
    const second = await request("2026-03-01", "2026-03-02");
    const third = await request("2026-06-01", "2026-06-30");
    expect(first.created).toBe(true);
    expect([second.id, second.created, third.id, third.created]).toEqual([first.id, false, first.id, false]);
    const row = await db().backgroundJob.findUniqueOrThrow({ where: { id: first.id } });
    expect(row.payload).toMatchObject({ userId: user.id, from: "2026-03-01", to: "2026-06-30" });
    await transferMatchingJob.dispatch(first);
    await waitForJob(first.id);
  });

  it("suggests the other side among the user's own rows, the same amount first", async () => {
    const { user, checking, savings } = await userWithAccounts("candidates");
    const other = await userWithAccounts("candidates-other");
    const a = await createTransaction(user.id, { date: "2026-08-10", description: "Moved money", amount: -3000n, accountId: checking.id });
    const near = await createTransaction(user.id, { date: "2026-08-10", description: "Deposit", amount: 2999n, accountId: savings.id });
    const same = await createTransaction(user.id, { date: "2026-08-15", description: "Deposit", amount: 3000n, accountId: savings.id });
    await createTransaction(user.id, { date: "2026-08-10", description: "Same account", amount: 3000n, accountId: checking.id });
    await createTransaction(other.user.id, { date: "2026-08-10", description: "Someone else's", amount: 3000n, accountId: other.savings.id });
    const { candidates } = await transferCandidates(user.id, a.transaction.id);
    expect(candidates.map((c) => c.id)).toEqual([same.transaction.id, near.transaction.id]);
    expect(candidates[0]).toMatchObject({ accountName: "Savings", amount: "30.00", sameAmount: true, currency: "USD" });
  });
});

describe("the transfer routes", () => {
  it("link, unlink and candidates: 404 for another user's ids, 422 with field errors, 409 for a conflict", async () => {
    const { POST, DELETE } = await import("../../app/api/transactions/[id]/transfer/route");
    const { GET } = await import("../../app/api/transactions/[id]/transfer-candidates/route");
    const me = await userWithAccounts("routes");
    const them = await userWithAccounts("routes-them");
    const mine = await createTransaction(me.user.id, { date: "2026-09-01", description: "Out", amount: -1500n, accountId: me.checking.id });
    const mineIn = await createTransaction(me.user.id, { date: "2026-09-12", description: "In", amount: 1500n, accountId: me.savings.id });
    const mineSameAccount = await createTransaction(me.user.id, { date: "2026-09-12", description: "In", amount: 1500n, accountId: me.checking.id });
    const mineOut2 = await createTransaction(me.user.id, { date: "2026-09-12", description: "Out", amount: -1500n, accountId: me.savings.id });
    const mineCardOut = await createTransaction(me.user.id, { date: "2026-09-25", description: "Out", amount: -1500n, accountId: me.card.id });
    const theirs = await createTransaction(them.user.id, { date: "2026-09-01", description: "In", amount: 1500n, accountId: them.savings.id });

    session.user = null;
    expect((await call("POST", "transfer", POST, mine.transaction.id, JSON.stringify({ peerId: mineIn.transaction.id }))).status).toBe(401);
    session.user = { id: me.user.id, role: "USER" };

    // Another user's id, on either side, or an id that does not exist: 404, nothing changes.
    expect((await call("POST", "transfer", POST, mine.transaction.id, JSON.stringify({ peerId: theirs.transaction.id }))).status).toBe(404);
    expect((await call("POST", "transfer", POST, theirs.transaction.id, JSON.stringify({ peerId: mine.transaction.id }))).status).toBe(404);
    expect((await call("DELETE", "transfer", DELETE, theirs.transaction.id)).status).toBe(404);
    expect((await call("GET", "transfer-candidates", GET, theirs.transaction.id)).status).toBe(404);
    expect((await call("GET", "transfer-candidates", GET, "no-such-id")).status).toBe(404);
    expect(await peerOf(theirs.transaction.id)).toBeNull();

    // Bad input: 422 with the field, 400 for a body that is not JSON, 415 for another type.
    const bad = async (body: string) => call("POST", "transfer", POST, mine.transaction.id, body);
    for (const body of ["{}", '{"peerId":""}', '{"peerId":123}', '{"peerId":null}', `{"peerId":"${"x".repeat(5000)}"}`, '{"peerId":"a","allowCurrencyMismatch":"yes"}', "[]"]) {
      const res = await bad(body);
      expect(res.status, body).toBe(422);
      expect(res.json?.fields, body).toBeDefined();
    }
    expect((await bad('{"peerId":"a\\u0000b"}')).status).toBe(422);
    expect((await bad("{not json")).status).toBe(400);
    expect((await call("POST", "transfer", POST, mine.transaction.id, "peerId=x", "application/x-www-form-urlencoded")).status).toBe(415);
    const self = await bad(JSON.stringify({ peerId: mine.transaction.id }));
    expect(self).toMatchObject({ status: 422, json: { fields: { peerId: [expect.any(String)] } } });
    expect((await bad(JSON.stringify({ peerId: mineSameAccount.transaction.id }))).json).toMatchObject({ fields: { peerId: [expect.stringContaining("different accounts")] } });
    expect((await call("POST", "transfer", POST, mineIn.transaction.id, JSON.stringify({ peerId: mineSameAccount.transaction.id }))).status).toBe(422);
    expect((await bad(JSON.stringify({ peerId: mineOut2.transaction.id }))).json).toMatchObject({ fields: { peerId: [expect.stringContaining("money out")] } });
    expect((await call("DELETE", "transfer", DELETE, mine.transaction.id)).status).toBe(409);
    expect(await peerOf(mine.transaction.id)).toBeNull();

    // Linked by hand, 11 days apart (the job would not), then unlinked.
    const linked = await bad(JSON.stringify({ peerId: mineIn.transaction.id }));
    expect(linked.status).toBe(200);
    expect(await peerOf(mine.transaction.id)).toBe(mineIn.transaction.id);
    expect(await peerOf(mineIn.transaction.id)).toBe(mine.transaction.id);
    // Linking again is a no-op; linking one side elsewhere is a conflict.
    expect((await bad(JSON.stringify({ peerId: mineIn.transaction.id }))).status).toBe(200);
    expect((await call("POST", "transfer", POST, mineCardOut.transaction.id, JSON.stringify({ peerId: mineIn.transaction.id }))).status).toBe(409);
    const decision = await db().transferDecision.findMany({ where: { userId: me.user.id } });
    expect(decision.map((d) => d.kind)).toEqual(["linked"]);

    const unlinked = await call("DELETE", "transfer", DELETE, mineIn.transaction.id);
    expect(unlinked.status).toBe(200);
    expect(await peerOf(mine.transaction.id)).toBeNull();
    expect((await db().transferDecision.findMany({ where: { userId: me.user.id } })).map((d) => d.kind)).toEqual(["unlinked"]);

    const candidates = await call("GET", "transfer-candidates", GET, mine.transaction.id);
    expect(candidates.status).toBe(200);
    expect((candidates.json!.candidates as { id: string }[]).map((c) => c.id)).toEqual([mineIn.transaction.id]);
    session.user = null;
  });
});
