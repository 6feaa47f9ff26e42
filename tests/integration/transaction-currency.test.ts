import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "../../app/api/transactions/route";
import { PATCH } from "../../app/api/transactions/[id]/route";
import { createAccount } from "../../lib/accounts/accounts";
import { db } from "../../lib/db";
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
