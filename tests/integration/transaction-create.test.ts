import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, updateAccount } from "../../lib/accounts/accounts";
import { db } from "../../lib/db";
import { createTransaction, toView, withCategory } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// createTransaction answers without reading the row back (bench/api: the three to five
// SELECTs of Prisma's `include` were most of the request's statements): the category's and
// the account's names come from the statements that found them. The answer must be what a
// read of the row gives, whatever the category's case, whichever account, new or existing.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("transaction-create");
});

afterAll(async () => {
  await env?.teardown();
});

async function readBack(id: string) {
  return toView(await db().transaction.findUniqueOrThrow({ where: { id }, include: withCategory }));
}

describe("createTransaction's answer", () => {
  it("is the row as a read shows it: default account made on first use, categories found case-insensitively, another account's currency", async () => {
    const user = await createUser("tx-create");

    // First entry: the default account does not exist yet, nor the category.
    const first = await createTransaction(user.id, { date: "2026-11-02", description: "Coffee", amount: "-3.20", category: "Food & Drink" });
    expect(first.transaction).toEqual(await readBack(first.transaction.id));
    expect(first.transaction).toMatchObject({ accountName: "Cash", currency: "USD", category: "Food & Drink", categorySource: "user", receiptCount: 0, transfer: null });

    // The category named in another case is the user's "Food & Drink"; the account exists now.
    const second = await createTransaction(user.id, { date: "2026-11-03", description: "Bagel", amount: "-2.50", category: "food & drink", notes: "with cream cheese" });
    expect(second.transaction).toEqual(await readBack(second.transaction.id));
    expect(second.transaction.category).toBe("Food & Drink");
    expect(await db().financialAccount.count({ where: { userId: user.id } })).toBe(1);

    // A chosen account in yen, renamed since it was made; no category.
    const yen = (await createAccount(user.id, { name: "Tokyo", institution: null, type: "checking", currency: "JPY" })).account;
    await updateAccount(user.id, yen.id, { name: "Tokyo Savings" });
    const third = await createTransaction(user.id, { date: "2026-11-04", description: "Ramen", amount: "-1200", accountId: yen.id });
    expect(third.transaction).toEqual(await readBack(third.transaction.id));
    expect(third.transaction).toMatchObject({ amount: "-1200", currency: "JPY", accountName: "Tokyo Savings", category: null, categorySource: null });

  });

  it("gives concurrent first entries of a new user one default account", async () => {
    const user = await createUser("tx-create-race");
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => createTransaction(user.id, { date: "2026-11-02", description: `Coffee ${i}`, amount: "-3.20" })),
    );
    const accounts = await db().financialAccount.findMany({ where: { userId: user.id } });
    expect(accounts).toHaveLength(1);
    expect(new Set(results.map((r) => r.transaction.accountId))).toEqual(new Set([accounts[0].id]));
  });
});
