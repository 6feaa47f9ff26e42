import { db } from "../db";

/**
 * The currency the person's totals are shown in (User.currency, ISO 4217). One per person
 * for now; per-currency totals are issue 14.
 */
export async function getMainCurrency(userId: string): Promise<string> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { currency: true } });
  return user?.currency ?? "USD";
}
