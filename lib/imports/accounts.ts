import { ownAccountId } from "../accounts/accounts";
import type { Tx } from "../db";

// The account an upload names: fingerprints are scoped to it, so the same purchase on two
// cards is two transactions. Without one, a CSV's rows go to the default account with the
// fingerprint scope they always had, and a statement file's account numbers choose
// (lib/imports/statement-accounts.ts).

/** The user's own account by id (404 otherwise), or by name, created when new; null without either. */
export async function resolveAccount(tx: Tx, userId: string, ref: { accountId?: string; accountName?: string }): Promise<string | null> {
  if (ref.accountId) return ownAccountId(tx, userId, ref.accountId);
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
