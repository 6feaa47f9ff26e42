import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";

// A user's financial accounts (checking, a credit card…): an import's rows belong to one, and
// fingerprints are scoped to it, so the same purchase on two cards is two transactions.

export interface AccountView {
  id: string;
  name: string;
  institution: string | null;
}

const select = { id: true, name: true, institution: true } as const;

export async function listAccounts(userId: string): Promise<{ accounts: AccountView[] }> {
  return { accounts: await db().financialAccount.findMany({ where: { userId }, select, orderBy: { name: "asc" } }) };
}

export async function createAccount(userId: string, input: { name: string; institution?: string | null }): Promise<{ account: AccountView }> {
  const existing = await db().financialAccount.findUnique({ where: { userId_name: { userId, name: input.name } }, select });
  if (existing) throw new AppError("conflict", `You already have an account named "${input.name}"`);
  try {
    const account = await db().financialAccount.create({ data: { userId, name: input.name, institution: input.institution ?? null }, select });
    return { account };
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw new AppError("conflict", `You already have an account named "${input.name}"`);
    throw err;
  }
}

/** The user's own account by id (404 otherwise), or by name, created when new. */
export async function resolveAccount(tx: Tx, userId: string, ref: { accountId?: string; accountName?: string }): Promise<string | null> {
  if (ref.accountId) {
    const own = await tx.financialAccount.findFirst({ where: { id: ref.accountId, userId }, select: { id: true } });
    if (!own) throw notFound("Account");
    return own.id;
  }
  if (ref.accountName) {
    const account = await tx.financialAccount.upsert({
      where: { userId_name: { userId, name: ref.accountName } },
      create: { userId, name: ref.accountName },
      update: {},
      select: { id: true },
    });
    return account.id;
  }
  return null;
}
