import { hashPassword, verifyPassword } from "../auth/password";
import { db } from "../db";
import { DEMO_CATEGORIES, generateDemoTransactions } from "../finance/demo-transactions";
import { defaultAccountId } from "../accounts/accounts";

// The demo account that `npm run db:seed` (and so `npm run dev`) makes sure exists.

export const DEMO_EMAIL = "demo@tallyboard.app";
export const DEMO_PASSWORD = "demo1234";
export const DEMO_NAME = "Demo User";

export interface SeedDemoUserResult {
  userId: string;
  /** True when this call created the user. */
  created: boolean;
  /** How many transactions this call inserted (0 when the user already had some). */
  transactions: number;
}

/**
 * Idempotent. Makes sure the demo user exists and can sign in with the demo password, has
 * the demo categories, and, if it has no transactions at all, gets ~6 months of generated
 * ones ending at `now`: inserted in one createMany, in the same database transaction as the
 * bump of user.dataVersion (so a summary can tell which state it reflects).
 * Does not request a summary recompute; the caller does (scripts/seed.ts).
 */
export async function seedDemoUser(now: Date = new Date()): Promise<SeedDemoUserResult> {
  const prisma = db();

  // The user. Keep the password working: the dev banner promises demo/demo1234.
  let created = false;
  let user = await prisma.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (!user) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    user = await prisma.user.upsert({
      where: { email: DEMO_EMAIL },
      create: { email: DEMO_EMAIL, name: DEMO_NAME, passwordHash },
      update: {},
    });
    // A bcrypt hash is salted, so it is ours only if this call's create won.
    created = user.passwordHash === passwordHash;
  } else if (!(await verifyPassword(DEMO_PASSWORD, user.passwordHash))) {
    user = await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(DEMO_PASSWORD) },
    });
  }
  const userId = user.id;

  // The categories (existing ones, renamed or not, are left alone).
  await prisma.category.createMany({
    data: DEMO_CATEGORIES.map((name) => ({ userId, name })),
    skipDuplicates: true,
  });

  // The transactions, only into an empty account.
  const inserted = await prisma.$transaction(
    async (tx) => {
      // Lock the user row: two seeds at once must not both see "no transactions".
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
      if ((await tx.transaction.count({ where: { userId } })) > 0) return 0;

      const categories = await tx.category.findMany({ where: { userId }, select: { id: true, name: true } });
      const categoryIds = new Map(categories.map((c) => [c.name, c.id]));
      const rows = generateDemoTransactions({ today: now });
      // Every transaction belongs to an account: the demo's go to the default "Cash" one.
      const accountId = await defaultAccountId(tx, userId);
      const { count } = await tx.transaction.createMany({
        data: rows.map((r) => ({
          userId,
          accountId,
          date: new Date(`${r.date}T00:00:00.000Z`),
          description: r.description,
          amountMinor: r.amountMinor,
          categoryId: categoryIds.get(r.category) ?? null,
        })),
      });
      await tx.user.update({
        where: { id: userId },
        data: { dataVersion: { increment: 1 }, dataChangedAt: now },
      });
      return count;
    },
    { timeout: 30_000, maxWait: 10_000 },
  );

  return { userId, created, transactions: inserted };
}
