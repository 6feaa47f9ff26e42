import { db } from "../db";
import { FORMAT_LABELS, type StatementAccount, type StatementFormat } from "../finance/statements";

// A statement file names its accounts (OFX ACCTID, CAMT IBAN, MT940 :25:, QIF !Account): when
// the upload chose no account, each number picks the user's account with that number, or a
// new one named after the bank and the number's last digits.

export async function findOrCreateStatementAccount(userId: string, account: StatementAccount, format: StatementFormat): Promise<string> {
  const existing = await db().financialAccount.findUnique({ where: { userId_number: { userId, number: account.number } }, select: { id: true } });
  if (existing) return existing.id;
  const tail = account.number.length > 4 ? `…${account.number.slice(-4)}` : account.number;
  const base = `${account.institution ?? FORMAT_LABELS[format]} ${tail}`.slice(0, 90);
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = attempt === 0 ? base : `${base} (${attempt + 1})`;
    try {
      const created = await db().financialAccount.create({
        data: {
          userId,
          name,
          number: account.number,
          institution: account.institution,
          type: account.type ?? "checking",
          ...(account.currency && /^[A-Z]{3}$/.test(account.currency) ? { currency: account.currency } : {}),
        },
        select: { id: true },
      });
      return created.id;
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
      // Another import created the same number meanwhile, or the name is taken: look again.
      const raced = await db().financialAccount.findUnique({ where: { userId_number: { userId, number: account.number } }, select: { id: true } });
      if (raced) return raced.id;
    }
  }
  throw new Error(`could not name a new account for ${account.number}`);
}
