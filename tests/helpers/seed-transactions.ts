import { db } from "../../lib/db";
import { DEMO_CATEGORIES, generateDemoTransactions } from "../../scripts/demo-transactions";

/**
 * Gives a test user the demo generator's transactions (about `months` months ending `today`)
 * with the demo categories, bumping dataVersion as a real change would.
 */
export async function seedDemoTransactions(userId: string, options: { today: Date | string; months?: number; bumpVersion?: boolean }) {
  await db().category.createMany({ data: DEMO_CATEGORIES.map((name) => ({ userId, name })), skipDuplicates: true });
  const categories = new Map((await db().category.findMany({ where: { userId } })).map((c) => [c.name, c.id]));
  const rows = generateDemoTransactions({ today: options.today, months: options.months });
  await db().transaction.createMany({
    data: rows.map((r) => ({
      userId,
      date: new Date(`${r.date}T00:00:00Z`),
      description: r.description,
      amountMinor: r.amountMinor,
      categoryId: categories.get(r.category) ?? null,
    })),
  });
  if (options.bumpVersion !== false) {
    await db().user.update({ where: { id: userId }, data: { dataVersion: { increment: 1 }, dataChangedAt: new Date() } });
  }
  return rows;
}
