import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "../../lib/budgets/budgets";
import { processBudget } from "../../lib/budgets/process-budget";
import { listBudgets } from "../../lib/budgets/budgets";
import { db } from "../../lib/db";
import { countsAs, incomeOf, spendingOf, type CategoryKind } from "../../lib/finance/countable";
import { monthKey } from "../../lib/finance/summary";
import { loadInsightTransactions } from "../../lib/insights/generate-insights";
import { dayOfDate } from "../../lib/finance/insights/calendar";
import { recomputeSummary } from "../../lib/summary/compute-summary";
import { COUNTABLE_JOINS, INCOME_AMOUNT, IS_TRANSFER, SPENDING_AMOUNT } from "../../lib/summary/countable-sql";
import { getSummary } from "../../lib/summary/get-summary";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Issue 14's story: a checking account, a savings account and a credit card. The savings →
// checking transfer (+500) and the card's autopay (+800) are not income, Zelle rent filed under
// Transfers is not 47 % of spending, an Amazon refund lowers Shopping instead of raising income,
// and the savings rate is what the person actually saved.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("countable-money");
});

afterAll(async () => {
  await env?.teardown();
});

const day1 = new Date(`${monthKey(new Date())}-01T00:00:00Z`);

async function seedStory() {
  const user = await createUser("story");
  const userId = user.id;
  const account = (name: string, type: "checking" | "savings" | "credit_card", currency = "USD") =>
    db().financialAccount.create({ data: { userId, name, type, currency } });
  const [checking, savings, card, euro] = await Promise.all([
    account("Checking", "checking"),
    account("Savings", "savings"),
    account("Card", "credit_card"),
    account("Girokonto", "checking", "EUR"),
  ]);
  const category = (name: string, kind: CategoryKind) => db().category.create({ data: { userId, name, kind } });
  const [transfers, groceries, shopping, salary] = await Promise.all([
    category("Transfers", "transfer"),
    category("Groceries", "expense"),
    category("Shopping", "expense"),
    category("Salary", "income"),
  ]);
  const add = (accountId: string, description: string, amountMinor: bigint, categoryId: string | null = null) =>
    db().transaction.create({ data: { userId, accountId, date: day1, description, payee: description, amountMinor, categoryId } });
  const pair = async (fromId: string, toId: string, description: string, amountMinor: bigint) => {
    const out = await add(fromId, description, -amountMinor);
    const into = await db().transaction.create({
      data: { userId, accountId: toId, date: day1, description, amountMinor, transferPeerId: out.id },
    });
    await db().transaction.update({ where: { id: out.id }, data: { transferPeerId: into.id } });
  };

  await add(checking.id, "ACME PAYROLL", 400_000n, salary.id);
  await add(checking.id, "Side gig", 25_000n);
  await pair(savings.id, checking.id, "Transfer from savings", 50_000n);
  await pair(checking.id, card.id, "Card autopay", 80_000n);
  await add(checking.id, "Zelle to landlord", -210_000n, transfers.id);
  await add(checking.id, "SAFEWAY", -40_000n, groceries.id);
  await add(card.id, "AMAZON", -12_000n, shopping.id);
  await add(card.id, "AMAZON refund", 4_000n, shopping.id);
  await add(card.id, "TARGET", -20_000n, shopping.id);
  await add(euro.id, "REWE", -5_000n, groceries.id);
  await db().user.update({ where: { id: userId }, data: { dataVersion: 1 } });
  return { userId, shopping, transfers };
}

describe("the issue's story", () => {
  it("keeps transfers out, nets the refund and adds no amounts of different currencies", async () => {
    const { userId, shopping } = await seedStory();
    await recomputeSummary(userId, null);
    const summary = await getSummary(userId);

    // Income: the salary and the side gig; not the +500 from savings, not the +800 autopay, not the refund.
    expect(summary.currentMonth.income).toBe("4250.00");
    // Spending: groceries 400 + Shopping (120 − 40 + 200) = 680; not the Zelle rent, not the autopay, not EUR.
    expect(summary.currentMonth.expenses).toBe("680.00");
    expect(summary.currentMonth.net).toBe("3570.00");
    expect(summary.currentMonth.savingsRate).toBe(84);
    expect(summary.categories.currentMonth).toEqual([
      { categoryId: expect.any(String), name: "Groceries", spent: "400.00", share: 58.8 },
      { categoryId: shopping.id, name: "Shopping", spent: "280.00", share: 41.2 },
    ]);
    expect(summary.otherCurrencies).toEqual([
      expect.objectContaining({ currency: "EUR", currentMonth: expect.objectContaining({ expenses: "50.00", income: "0.00" }) }),
    ]);
    expect(summary.selected.totals.expenses).toBe("680.00");
  });

  it("computes a past month on request from that month's rows alone, by the same rule", async () => {
    const { userId } = await seedStory();
    await db().transaction.updateMany({ where: { userId }, data: { date: new Date("2024-02-10T00:00:00Z") } });
    await recomputeSummary(userId, null);
    const summary = await getSummary(userId, new Date(), "2024-02");
    expect(summary.currentMonth.expenses).toBe("0.00");
    expect(summary.selected).toMatchObject({ month: "2024-02", currency: "USD" });
    expect(summary.selected.totals).toMatchObject({ income: "4250.00", expenses: "680.00", savingsRate: 84 });
    expect(summary.selected.otherCurrencies[0]).toMatchObject({ currency: "EUR", totals: { expenses: "50.00" } });
    expect((await getSummary(userId, new Date(), "2024-03")).selected.totals.transactionCount).toBe(0);
  });

  it("nets a budget's refund and leaves transfers and other currencies out of it", async () => {
    const { userId, shopping, transfers } = await seedStory();
    const shop = await createBudget(userId, { title: "Shopping", amount: "500", period: "monthly", categoryId: shopping.id });
    const rent = await createBudget(userId, { title: "Transfers", amount: "100", period: "monthly", categoryId: transfers.id });
    const food = await createBudget(userId, { title: "Food", amount: "1000", period: "monthly", category: "Groceries" });
    for (const b of [shop, rent, food]) await processBudget(userId, b.budget.id, 1);
    const views = new Map((await listBudgets(userId)).map((b) => [b.title, b]));
    expect(views.get("Shopping")).toMatchObject({ spent: "280.00", transactionCount: 3 });
    expect(views.get("Transfers")).toMatchObject({ spent: "0.00", transactionCount: 0 });
    // The EUR groceries are not added to a USD budget.
    expect(views.get("Food")).toMatchObject({ spent: "400.00", transactionCount: 1 });
  });

  it("gives insights no transfer and no other currency's row", async () => {
    const { userId } = await seedStory();
    const today = dayOfDate(new Date());
    const rows = await loadInsightTransactions(userId, today - 40, today, "USD");
    expect(rows.map((r) => r.description).sort()).toEqual(["ACME PAYROLL", "AMAZON", "AMAZON refund", "SAFEWAY", "Side gig", "TARGET"]);
  });
});

describe("the SQL rule and the TypeScript rule", () => {
  it("agree on every row", async () => {
    const { userId } = await seedStory();
    const rows = await db().$queryRaw<{ amountMinor: bigint; kind: CategoryKind | null; transferPeerId: string | null; transfer: boolean; income: string; spending: string }[]>`
      SELECT t."amountMinor", c.kind::text AS kind, t."transferPeerId", ${IS_TRANSFER} AS transfer,
             ${INCOME_AMOUNT}::text AS income, ${SPENDING_AMOUNT}::text AS spending
        FROM "Transaction" t ${COUNTABLE_JOINS}
       WHERE t."userId" = ${userId}`;
    expect(rows).toHaveLength(12);
    for (const r of rows) {
      const row = { amountMinor: BigInt(r.amountMinor), categoryKind: r.kind, transferPeerId: r.transferPeerId };
      expect({ transfer: r.transfer, income: BigInt(r.income), spending: BigInt(r.spending) }).toEqual({
        transfer: countsAs(row) === "transfer",
        income: incomeOf(row),
        spending: spendingOf(row),
      });
    }
  });
});
