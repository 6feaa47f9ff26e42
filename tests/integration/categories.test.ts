import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudget } from "../../lib/budgets/budgets";
import { ensureCategory } from "../../lib/categories/ensure-category";
import { listCategories, setCategoryKind } from "../../lib/categories/user-categories";
import { db } from "../../lib/db";
import { createRule } from "../../lib/rules/user-rules";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Categories are unique per user case-insensitively (issue 14), created in one place with the
// kind their name implies, and the user can change a kind.

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("categories");
});

afterAll(async () => {
  await env?.teardown();
});

describe("ensureCategory", () => {
  it("finds a category whatever the case and keeps its first spelling", async () => {
    const user = await createUser("case");
    const first = await db().$transaction((tx) => ensureCategory(tx, user.id, "Food & Drink"));
    const again = await db().$transaction((tx) => ensureCategory(tx, user.id, "food & drink"));
    expect(again).toBe(first);
    expect(await listCategories(user.id)).toEqual([{ id: first, name: "Food & Drink", kind: "expense" }]);
  });

  it("gives a new category the kind its name implies", async () => {
    const user = await createUser("kind");
    await db().$transaction(async (tx) => {
      await ensureCategory(tx, user.id, "Salary");
      await ensureCategory(tx, user.id, "Transfers");
    });
    expect((await listCategories(user.id)).map((c) => [c.name, c.kind])).toEqual([
      ["Salary", "income"],
      ["Transfers", "transfer"],
    ]);
  });

  it("is used by transactions, rules and budgets alike: one category for every spelling", async () => {
    const user = await createUser("sites");
    await createTransaction(user.id, { date: "2025-01-02", description: "Lunch", amount: -1_200n, category: "Dining" });
    await createRule(user.id, { field: "payee", operator: "contains", value: "cafe", category: "DINING" });
    await createBudget(user.id, { title: "Eating out", amount: "100", period: "monthly", category: "dining" });
    expect(await db().category.count({ where: { userId: user.id } })).toBe(1);
  });

  it("gives two concurrent requests for a new name the same row", async () => {
    const user = await createUser("race");
    const ids = await Promise.all(
      ["Pets", "PETS", "pets", "Pets"].map((name) => db().$transaction((tx) => ensureCategory(tx, user.id, name))),
    );
    expect(new Set(ids).size).toBe(1);
  });

  it("is refused by the database for a second spelling inserted any other way", async () => {
    const user = await createUser("index");
    await db().category.create({ data: { userId: user.id, name: "Travel" } });
    await expect(db().category.create({ data: { userId: user.id, name: "TRAVEL" } })).rejects.toThrow();
  });
});

describe("a category's kind", () => {
  it("can be changed by its owner and asks for a summary recompute", async () => {
    const user = await createUser("owner");
    const id = await db().$transaction((tx) => ensureCategory(tx, user.id, "Venmo"));
    const before = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion;
    expect(await setCategoryKind(user.id, id, { kind: "transfer" })).toMatchObject({ id, kind: "transfer" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).dataVersion).toBe(before + 1n);
  });

  it("is another user's 404 and a bad kind's 422", async () => {
    const owner = await createUser("a");
    const other = await createUser("b");
    const id = await db().$transaction((tx) => ensureCategory(tx, owner.id, "Gifts"));
    await expect(setCategoryKind(other.id, id, { kind: "income" })).rejects.toMatchObject({ code: "not_found" });
    await expect(setCategoryKind(owner.id, id, { kind: "savings" })).rejects.toThrow();
  });
});

describe("the migration that made categories unique", () => {
  it("merges existing duplicates into the oldest, re-pointing transactions, rules and budgets", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const sql = readFileSync(
      path.join(__dirname, "..", "..", "prisma", "migrations", "20261207030500_category_unique_case_insensitive", "migration.sql"),
      "utf8",
    );
    const user = await createUser("merge");
    await db().$executeRawUnsafe(`DROP INDEX "Category_userId_lower_name_key"`);
    const old = await db().category.create({ data: { userId: user.id, name: "Food & Drink", kind: "expense", createdAt: new Date("2024-01-01") } });
    const dup = await db().category.create({ data: { userId: user.id, name: "food & drink", createdAt: new Date("2025-01-01") } });
    const keep = await db().category.create({ data: { userId: user.id, name: "Rent" } });
    const t = await db().transaction.create({ data: { userId: user.id, date: new Date("2025-01-02"), description: "Cafe", amountMinor: -500n, categoryId: dup.id } });
    const rule = await db().rule.create({ data: { userId: user.id, position: 1, field: "payee", operator: "contains", value: "cafe", categoryId: dup.id } });
    const budget = await db().budget.create({ data: { userId: user.id, title: "Food", amountMinor: 10_000n, period: "monthly", categoryId: dup.id } });

    const statements = sql
      .replace(/--.*$/gm, "")
      .split(/;\s*$/m)
      .map((s) => s.trim())
      .filter(Boolean);
    // One connection: the migration's temporary table lives in its session.
    await db().$transaction(async (tx) => {
      for (const statement of statements) await tx.$executeRawUnsafe(statement);
    });

    expect((await listCategories(user.id)).map((c) => c.id).sort()).toEqual([old.id, keep.id].sort());
    expect((await db().transaction.findUniqueOrThrow({ where: { id: t.id } })).categoryId).toBe(old.id);
    expect((await db().rule.findUniqueOrThrow({ where: { id: rule.id } })).categoryId).toBe(old.id);
    expect((await db().budget.findUniqueOrThrow({ where: { id: budget.id } })).categoryId).toBe(old.id);
    await expect(db().category.create({ data: { userId: user.id, name: "RENT" } })).rejects.toThrow();
  });
});
