import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/transactions/route";
import { PATCH } from "../../app/api/transactions/[id]/route";
import { createAccount } from "../../lib/accounts/accounts";
import { db } from "../../lib/db";
import { parseAmount } from "../../lib/finance/csv/parse-amount";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// A transaction's amount is read and shown with its account's currency's decimals: yen have
// none, dinars three. Before, the API read every amount as cents: "-1200" yen was stored as
// 120,000 minor units and shown as "-1200.00".

// Postgres and the route handlers are real; only the session lookup is replaced.
const session = vi.hoisted(() => ({ user: null as null | { id: string; role: string } }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.user ? { user: session.user } : null),
}));

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("transaction-currency");
});

afterAll(async () => {
  await env?.teardown();
});

async function send(handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, body: unknown, id = "") {
  const req = new NextRequest(new URL(`http://localhost/api/transactions${id ? `/${id}` : ""}`), {
    method: id ? "PATCH" : "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { transaction?: Record<string, unknown>; fields?: Record<string, string[]> } };
}

describe("transaction amounts in the account's currency", () => {
  it("reads and shows yen without decimals and dinars with three, and refuses more in words", async () => {
    const user = await createUser("tx-currency");
    session.user = { id: user.id, role: "USER" };
    const yen = (await createAccount(user.id, { name: "Tokyo", institution: null, type: "checking", currency: "JPY" })).account;
    const dinar = (await createAccount(user.id, { name: "Manama", institution: null, type: "checking", currency: "BHD" })).account;

    const lunch = await send(POST as never, { date: "2026-11-02", description: "Ramen", amount: "-1200", accountId: yen.id });
    expect(lunch.status).toBe(201);
    expect(lunch.json.transaction).toMatchObject({ amount: "-1200", currency: "JPY" });
    const id = lunch.json.transaction!.id as string;
    expect((await db().transaction.findUniqueOrThrow({ where: { id } })).amountMinor).toBe(-1200n);

    const fraction = await send(POST as never, { date: "2026-11-02", description: "Half a yen", amount: "-12.5", accountId: yen.id });
    expect(fraction.status).toBe(422);
    expect(fraction.json.fields?.amount?.[0]).toMatch(/JPY has no decimals/);

    const fils = await send(POST as never, { date: "2026-11-03", description: "Karak tea", amount: "-1.234", accountId: dinar.id });
    expect(fils.status).toBe(201);
    expect(fils.json.transaction).toMatchObject({ amount: "-1.234", currency: "BHD" });

    const edited = await send(PATCH as never, { amount: "-980" }, id);
    expect(edited.status).toBe(200);
    expect(edited.json.transaction).toMatchObject({ amount: "-980", currency: "JPY" });
    expect(await db().transaction.count({ where: { userId: user.id } })).toBe(2);
  });
});

describe("the amount bound (issue 10, defect 3)", () => {
  // One bound for the API and the importer, in the account's currency: the largest amount the
  // API takes is the largest a CSV row may hold, one minor unit more is refused by both, in
  // words that name the bound. Before, the API read every amount with three decimals first, so
  // a dollar amount from 1,000,000,000,000.00 up was refused as "Use a decimal amount like…".
  const US = { decimalSeparator: ".", thousandsSeparator: "," } as const;
  const cases = [
    { currency: "USD", places: 2, largest: "-9999999999999.99", over: "-10000000000000.00", words: "±9,999,999,999,999.99" },
    { currency: "JPY", places: 0, largest: "-999999999999999", over: "-1000000000000000", words: "±999,999,999,999,999" },
    { currency: "BHD", places: 3, largest: "-999999999999.999", over: "-1000000000000.000", words: "±999,999,999,999.999" },
  ];

  it.each(cases)("$currency: the API and the importer take the same largest amount and refuse one unit more", async ({ currency, places, largest, over, words }) => {
    const user = await createUser(`bound-${currency}`);
    session.user = { id: user.id, role: "USER" };
    const account = (await createAccount(user.id, { name: `In ${currency}`, institution: null, type: "checking", currency })).account;

    const taken = await send(POST as never, { date: "2026-11-02", description: "At the bound", amount: largest, accountId: account.id });
    expect(taken.status).toBe(201);
    expect(taken.json.transaction).toMatchObject({ amount: largest, currency });
    const imported = parseAmount(largest, US, places);
    expect(imported.ok && imported.minor).toBe((await db().transaction.findUniqueOrThrow({ where: { id: taken.json.transaction!.id as string } })).amountMinor);

    const refused = await send(POST as never, { date: "2026-11-02", description: "Over the bound", amount: over, accountId: account.id });
    expect(refused.status).toBe(422);
    expect(refused.json.fields?.amount).toEqual([`Amounts are limited to ${words}`]);
    const rowError = parseAmount(over, US, places);
    expect(rowError.ok).toBe(false);
    expect(!rowError.ok && rowError.reason).toContain(`is over the largest amount accepted (${words.slice(1)})`);
  });

  it("a dollar amount with the bound's digits is taken when no account is named (the default account)", async () => {
    const user = await createUser("bound-default");
    session.user = { id: user.id, role: "USER" };
    const taken = await send(POST as never, { date: "2026-11-02", description: "Default account", amount: "9999999999999.99" });
    expect(taken.status).toBe(201);
    const refused = await send(POST as never, { date: "2026-11-02", description: "Default account", amount: "99999999999999" });
    expect(refused.status).toBe(422);
    expect(refused.json.fields?.amount).toEqual(["Amounts are limited to ±9,999,999,999,999.99"]);
  });
});
