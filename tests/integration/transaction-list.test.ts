import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../lib/db";
import { COUNT_CAP, listTransactions } from "../../lib/transactions/list-transactions";
import { encodeListCursor, LIST_SORTS, type ListQueryInput } from "../../lib/transactions/list-query";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// GET /api/transactions (issue 14): search, filters, four sorts with keyset cursors, the count
// of matches, and what a hostile query string gets (a 422 that names the field, never a 500).

const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;
let userId: string;
let otherId: string;
let checking: string;
let savings: string;
let groceries: string;
let transfers: string;

type Row = { id: string; date: string; amountMinor: bigint; description: string };
const rows: Row[] = [];

async function addRow(data: {
  date: string;
  description: string;
  amount: bigint;
  accountId?: string;
  categoryId?: string | null;
  payee?: string;
  notes?: string;
  needsReview?: boolean;
  user?: string;
}): Promise<string> {
  const row = await db().transaction.create({
    data: {
      userId: data.user ?? userId,
      date: new Date(`${data.date}T00:00:00Z`),
      description: data.description,
      amountMinor: data.amount,
      accountId: data.accountId ?? checking,
      categoryId: data.categoryId ?? null,
      payee: data.payee ?? null,
      notes: data.notes ?? null,
      needsReview: data.needsReview ?? false,
    },
  });
  if (!data.user) rows.push({ id: row.id, date: data.date, amountMinor: data.amount, description: data.description });
  return row.id;
}

beforeAll(async () => {
  env = await setupIntegration("txlist");
  const user = await createUser("txlist");
  const other = await createUser("txlist-other");
  userId = user.id;
  otherId = other.id;
  checking = (await db().financialAccount.create({ data: { userId, name: "Checking", type: "checking", currency: "USD" } })).id;
  savings = (await db().financialAccount.create({ data: { userId, name: "Savings", type: "savings", currency: "USD" } })).id;
  groceries = (await db().category.create({ data: { userId, name: "Groceries", kind: "expense" } })).id;
  transfers = (await db().category.create({ data: { userId, name: "Transfers", kind: "transfer" } })).id;
  const otherAccount = (await db().financialAccount.create({ data: { userId: otherId, name: "Theirs", type: "checking", currency: "USD" } })).id;

  // Ties on purpose: three rows on one day, two with the same amount.
  await addRow({ date: "2025-01-05", description: "WHOLE FOODS #123", amount: -4599n, categoryId: groceries, payee: "Whole Foods" });
  await addRow({ date: "2025-01-05", description: "Coffee", amount: -450n, notes: "met Anna at the café" });
  await addRow({ date: "2025-01-05", description: "Tea", amount: -450n, needsReview: true });
  await addRow({ date: "2025-02-10", description: "Salary ACME", amount: 500000n });
  await addRow({ date: "2025-02-11", description: "To savings", amount: -50000n, categoryId: transfers });
  await addRow({ date: "2025-02-11", description: "From checking", amount: 50000n, accountId: savings });
  await addRow({ date: "2025-03-01", description: "100% juice_bar", amount: -1200n, categoryId: groceries });
  await addRow({ date: "2025-03-02", description: "Rent", amount: -150000n });
  await addRow({ date: "2024-12-31", description: "New year groceries", amount: -8800n, categoryId: groceries, payee: "Trader Joe's" });
  // A matched pair (the transfer matcher's work): both sides point at each other.
  const a = rows.find((r) => r.description === "To savings")!.id;
  const b = rows.find((r) => r.description === "From checking")!.id;
  await db().transaction.update({ where: { id: a }, data: { transferPeerId: b } });
  await db().transaction.update({ where: { id: b }, data: { transferPeerId: a } });
  // Another user's coffee: never seen.
  await addRow({ date: "2025-01-05", description: "Coffee", amount: -450n, accountId: otherAccount, user: otherId });
});

afterAll(async () => {
  await env?.teardown();
});

const descriptions = async (query: ListQueryInput) => (await listTransactions(userId, query)).transactions.map((t) => t.description).sort();

describe("filters and search", () => {
  it("searches description, payee and notes case-insensitively, as substrings", async () => {
    expect(await descriptions({ q: "whole" })).toEqual(["WHOLE FOODS #123"]);
    expect(await descriptions({ q: "trader" })).toEqual(["New year groceries"]); // payee
    expect(await descriptions({ q: "ANNA" })).toEqual(["Coffee"]); // notes
    expect(await descriptions({ q: "ALAR" })).toEqual(["Salary ACME"]); // inside a word
    expect(await descriptions({ q: "EAR" })).toEqual(["New year groceries"]);
  });

  it("takes %, _ and \\ in a search literally", async () => {
    expect(await descriptions({ q: "100%" })).toEqual(["100% juice_bar"]);
    expect(await descriptions({ q: "0% j" })).toEqual(["100% juice_bar"]);
    expect(await descriptions({ q: "%%%" })).toEqual([]);
    expect(await descriptions({ q: "e_b" })).toEqual(["100% juice_bar"]);
    expect(await descriptions({ q: "a\\b" })).toEqual([]);
    expect(await descriptions({ q: "'; DROP TABLE \"Transaction\"; --" })).toEqual([]);
  });

  it("filters by account, category, uncategorized, review, transfer, dates and amounts", async () => {
    expect(await descriptions({ accountId: savings })).toEqual(["From checking"]);
    expect(await descriptions({ category: groceries })).toEqual(["100% juice_bar", "New year groceries", "WHOLE FOODS #123"]);
    expect(await descriptions({ uncategorized: "1" })).toEqual(["Coffee", "From checking", "Rent", "Salary ACME", "Tea"]);
    expect(await descriptions({ uncategorized: "0" })).toHaveLength(4);
    expect(await descriptions({ review: "1" })).toEqual(["Tea"]);
    expect(await descriptions({ transfer: "1" })).toEqual(["From checking", "To savings"]);
    expect(await descriptions({ transfer: "0" })).toHaveLength(7);
    expect(await descriptions({ from: "2025-01-01", to: "2025-01-31" })).toEqual(["Coffee", "Tea", "WHOLE FOODS #123"]);
    expect(await descriptions({ category: groceries, from: "2025-01-01", to: "2025-12-31" })).toEqual(["100% juice_bar", "WHOLE FOODS #123"]);
    expect(await descriptions({ min: "-12", max: "-4.50" })).toEqual(["100% juice_bar", "Coffee", "Tea"]);
    expect(await descriptions({ min: "500" })).toEqual(["From checking", "Salary ACME"]);
    expect(await descriptions({ q: "cof", review: "0", accountId: checking })).toEqual(["Coffee"]);
  });

  it("counts the matches, not the page, and never another user's rows", async () => {
    const page = await listTransactions(userId, { limit: 2, category: groceries });
    expect(page.transactions).toHaveLength(2);
    expect(page).toMatchObject({ total: 3, totalIsCapped: false });
    expect((await listTransactions(userId, { q: "coffee" })).total).toBe(1);
    expect((await listTransactions(otherId, { q: "whole" })).total).toBe(0);
    // Another user's account or category id filters to nothing rather than showing their rows.
    const theirs = await db().financialAccount.findFirst({ where: { userId: otherId } });
    expect(await listTransactions(userId, { accountId: theirs!.id })).toMatchObject({ transactions: [], total: 0 });
  });
});

describe("sorts and cursors", () => {
  const expected: Record<(typeof LIST_SORTS)[number], (a: Row, b: Row) => number> = {
    "-date": (a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? 1 : -1),
    date: (a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id < b.id ? -1 : 1),
    "-amount": (a, b) => (a.amountMinor !== b.amountMinor ? (a.amountMinor < b.amountMinor ? 1 : -1) : a.id < b.id ? 1 : -1),
    amount: (a, b) => (a.amountMinor !== b.amountMinor ? (a.amountMinor < b.amountMinor ? -1 : 1) : a.id < b.id ? -1 : 1),
  };

  for (const sort of LIST_SORTS) {
    it(`walks every row once in ${sort} order, pages of 2 (ties broken by id)`, async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await listTransactions(userId, { sort, limit: 2, cursor });
        seen.push(...page.transactions.map((t) => t.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual([...rows].sort(expected[sort]).map((r) => r.id));
    });
  }

  it("keeps a filter across pages", async () => {
    const first = await listTransactions(userId, { category: groceries, sort: "amount", limit: 2 });
    const second = await listTransactions(userId, { category: groceries, sort: "amount", limit: 2, cursor: first.nextCursor! });
    expect([...first.transactions, ...second.transactions].map((t) => t.amount)).toEqual(["-88.00", "-45.99", "-12.00"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("the count is bounded", () => {
  it(`counts exactly up to ${COUNT_CAP} matches and then says there are more`, async () => {
    const big = await createUser("txlist-big");
    await db().$executeRaw`
      INSERT INTO "Transaction" (id, "userId", date, description, "amountMinor", "updatedAt")
      SELECT 'bulk' || g, ${big.id}, DATE '2020-01-01' + (g % 1000), 'Row ' || g, -g, now()
      FROM generate_series(1, ${COUNT_CAP + 5}) AS g`;
    expect(await listTransactions(big.id, { limit: 1 })).toMatchObject({ total: COUNT_CAP, totalIsCapped: true });
    expect(await listTransactions(big.id, { limit: 1, max: (-(COUNT_CAP - 100) / 100).toFixed(2) })).toMatchObject({ total: 106, totalIsCapped: false });
  });
});

describe("GET /api/transactions", () => {
  let GET: (req: NextRequest) => Promise<Response>;
  beforeAll(async () => {
    session.user = { id: userId, role: "user" };
    GET = (await import("../../app/api/transactions/route")).GET as unknown as typeof GET;
  });
  const get = (qs: string) => GET(new NextRequest(`http://localhost/api/transactions?${qs}`));

  it("answers { transactions, nextCursor, total } and treats empty parameters as absent", async () => {
    const res = await get("q=&accountId=&category=&uncategorized=&review=&transfer=&from=&to=&min=&max=&sort=&limit=&cursor=");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(rows.length);
    expect(body.transactions[0]).toMatchObject({ id: expect.any(String), amount: expect.any(String), notes: null });
  });

  it("answers 422 naming the field for every bad parameter", async () => {
    const dateCursor = encodeListCursor({ sort: "-date", key: "2025-01-01", id: "abc" });
    const cases: [string, string][] = [
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["limit=abc", "limit"],
      ["limit=1.5", "limit"],
      ["sort=price", "sort"],
      ["from=2025-13-01", "from"],
      ["to=2025-02-30", "to"],
      ["from=2025-02-01&to=2025-01-01", "to"],
      ["min=abc", "min"],
      ["max=1e400", "max"],
      ["min=10&max=5", "max"],
      ["transfer=2", "transfer"],
      ["uncategorized=yes", "uncategorized"],
      [`category=${groceries}&uncategorized=1`, "uncategorized"],
      ["accountId=a%20b", "accountId"],
      ["category=%27%3B--", "category"],
      [`q=${"x".repeat(101)}`, "q"],
      ["q=ab", "q"],
      ["cursor=!!!", "cursor"],
      ["cursor=" + "A".repeat(400), "cursor"],
      [`sort=amount&cursor=${dateCursor}`, "cursor"], // another sort's cursor
      [`cursor=${encodeListCursor({ sort: "-date", key: "2025-99-01", id: "abc" })}`, "cursor"],
      [`sort=amount&cursor=${encodeListCursor({ sort: "amount", key: "99999999999999999999", id: "abc" })}`, "cursor"],
      [`cursor=${Buffer.from("-date|2025-01-01|a|b").toString("base64url")}`, "cursor"],
    ];
    for (const [qs, field] of cases) {
      const res = await get(qs);
      const body = await res.json();
      expect({ qs, status: res.status }).toEqual({ qs, status: 422 });
      expect(Object.keys(body.fields), qs).toContain(field);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|prisma|stack/i);
    }
  });

  it("refuses a NUL in the query string before it reaches Postgres", async () => {
    const res = await get("q=a%00b");
    expect(res.status).toBe(400);
  });

  it("refuses anonymous callers", async () => {
    session.user = null;
    try {
      expect((await get("")).status).toBe(401);
    } finally {
      session.user = { id: userId, role: "user" };
    }
  });
});
