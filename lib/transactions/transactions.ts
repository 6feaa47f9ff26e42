import { ensureCategory, ensureNamedCategory } from "../categories/ensure-category";
import { accountCurrency, amountInCurrency, defaultAccount, ownAccount, ownAccountId } from "../accounts/accounts";
import { db, type Tx } from "../db";
import { notFound } from "../errors";
import { currencyDigits, formatAmount } from "../finance/money";
import type { Prisma } from "../generated/prisma/client";
import { datesOf, dispatchTransactionFollowUps, recordTransactionChange } from "./record-transaction-change";
import type { CreateTransactionInput, UpdateTransactionInput } from "./transaction-schemas";

// Transactions of one user. Every write is one database transaction with its follow-ups
// (recordTransactionChange: the summary run and a budget-processing run for each budget the
// old or new values match); the Bull jobs are added after commit.

export interface TransactionView {
  id: string;
  date: string;
  description: string;
  amount: string;
  category: string | null;
  /** The merchant, from the payee lookup. */
  payee: string | null;
  /** The user's note (searched with description and payee). */
  notes: string | null;
  /** How the category was set: user, rule, classifier, dictionary, llm (null: imported or seeded). */
  categorySource: string | null;
  categoryConfidence: number | null;
  /** A low-confidence suggestion waiting for the user. */
  needsReview: boolean;
  suggestedCategory: string | null;
  accountId: string | null;
  accountName: string | null;
  /** The account's currency (ISO 4217): `amount` has its decimals. */
  currency: string | null;
  /** Receipts attached to it (the row shows a receipt icon). */
  receiptCount: number;
  /** The other side when it is a transfer between the user's accounts (excluded from income and spending). */
  transfer: { peerId: string; accountName: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

export const withCategory = {
  category: { select: { name: true } },
  account: { select: { name: true, currency: true } },
  _count: { select: { receipts: true } },
  transferPeer: { select: { id: true, account: { select: { name: true } } } },
} satisfies Prisma.TransactionInclude;
type TransactionRow = Prisma.TransactionGetPayload<{ include: typeof withCategory }>;

export function toView(t: TransactionRow): TransactionView {
  return {
    id: t.id,
    date: t.date.toISOString().slice(0, 10),
    description: t.description,
    // In the account's currency's decimals: "-1200" yen, "-1.234" dinar.
    amount: formatAmount(t.amountMinor, currencyDigits(t.account?.currency)),
    currency: t.account?.currency ?? null,
    category: t.category?.name ?? null,
    payee: t.payee,
    notes: t.notes,
    categorySource: t.categorySource,
    categoryConfidence: t.categoryConfidence,
    needsReview: t.needsReview,
    suggestedCategory: t.suggestedCategory,
    accountId: t.accountId,
    accountName: t.account?.name ?? null,
    receiptCount: t._count.receipts,
    transfer: t.transferPeer ? { peerId: t.transferPeer.id, accountName: t.transferPeer.account?.name ?? null } : null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * An amount for the account: a request's decimal text is read with the decimals of the
 * account's currency (a 422 on `amount` when it has more); code passes minor units as bigint.
 */
async function amountFor(tx: Tx, accountId: string, amount: bigint | string): Promise<bigint> {
  if (typeof amount === "bigint") return amount;
  return amountInCurrency("amount", amount, await accountCurrency(tx, accountId));
}

/** A transaction to write: `amount` is the request's decimal text or, from code, minor units. */
export type NewTransaction = Omit<CreateTransactionInput, "amount"> & { amount: bigint | string };
export type TransactionChanges = Omit<UpdateTransactionInput, "amount"> & { amount?: bigint | string };

/** The id of the user's category of that name (created when new); null clears, undefined leaves. */
export async function categoryId(tx: Tx, userId: string, name: string | null | undefined): Promise<string | null | undefined> {
  if (name === undefined) return undefined;
  if (name === null) return null;
  // Found case-insensitively or created with its kind, in one statement (lib/categories).
  return ensureCategory(tx, userId, name);
}

export async function createTransaction(
  userId: string,
  input: NewTransaction,
): Promise<{ transaction: TransactionView; jobId: string }> {
  const { row, followUps } = await db().$transaction(async (tx) => {
    // The account with its name and currency in one statement; the insert returns the row, and
    // the answer's names are those just read (a new row has no receipts and no transfer peer),
    // so no read follows the insert.
    const account = input.accountId ? await ownAccount(tx, userId, input.accountId) : await defaultAccount(tx, userId);
    const amountMinor = typeof input.amount === "bigint" ? input.amount : amountInCurrency("amount", input.amount, account.currency);
    const category = typeof input.category === "string" ? await ensureNamedCategory(tx, userId, input.category) : null;
    const inserted = await tx.transaction.create({
      data: {
        userId,
        date: toDate(input.date),
        description: input.description,
        amountMinor,
        notes: input.notes ?? null,
        categoryId: category?.id ?? null,
        categorySource: input.category ? "user" : null,
        accountId: account.id,
      },
    });
    const row: TransactionRow = {
      ...inserted,
      category: category ? { name: category.name } : null,
      account: { name: account.name, currency: account.currency },
      _count: { receipts: 0 },
      transferPeer: null,
    };
    return { row, followUps: await recordTransactionChange(tx, userId, { budgets: { rows: [row] }, transfers: datesOf([row.date]) }) };
  });
  await dispatchTransactionFollowUps(followUps);
  return { transaction: toView(row), jobId: followUps.summary!.id };
}

export async function updateTransaction(
  userId: string,
  id: string,
  input: TransactionChanges,
): Promise<{ transaction: TransactionView; jobId: string }> {
  const { row, followUps } = await db().$transaction(async (tx) => {
    const owned = await tx.transaction.findFirst({ where: { id, userId }, select: { id: true, description: true, payee: true, categoryId: true, date: true, accountId: true } });
    if (!owned) throw notFound("Transaction");
    const accountId = input.accountId !== undefined ? await ownAccountId(tx, userId, input.accountId) : owned.accountId;
    const row = await tx.transaction.update({
      where: { id },
      data: {
        ...(input.date !== undefined ? { date: toDate(input.date) } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.amount !== undefined
          ? { amountMinor: accountId ? await amountFor(tx, accountId, input.amount) : typeof input.amount === "bigint" ? input.amount : amountInCurrency("amount", input.amount, "USD") }
          : {}),
        ...(input.notes !== undefined ? { notes: input.notes } : {}),
        ...(input.accountId !== undefined ? { accountId } : {}),
        // A person's choice: it is kept by later categorize runs and trains the classifier.
        ...(input.category !== undefined
          ? {
              categoryId: await categoryId(tx, userId, input.category),
              categorySource: input.category === null ? null : "user",
              categoryConfidence: null,
              needsReview: false,
              suggestedCategory: null,
            }
          : {}),
      },
      include: withCategory,
    });
    // Amount, date, account or description can make or break a transfer; a category cannot.
    const transfers =
      input.amount !== undefined || input.date !== undefined || input.accountId !== undefined || input.description !== undefined
        ? datesOf([owned.date, row.date])
        : "none";
    return { row, followUps: await recordTransactionChange(tx, userId, { budgets: { rows: [owned, row] }, transfers }) };
  });
  await dispatchTransactionFollowUps(followUps);
  return { transaction: toView(row), jobId: followUps.summary!.id };
}

export async function deleteTransaction(userId: string, id: string): Promise<{ id: string; jobId: string }> {
  const followUps = await db().$transaction(async (tx) => {
    const old = await tx.transaction.findFirst({ where: { id, userId }, select: { description: true, payee: true, categoryId: true, date: true } });
    const { count } = await tx.transaction.deleteMany({ where: { id, userId } });
    if (count === 0 || !old) throw notFound("Transaction");
    return recordTransactionChange(tx, userId, { budgets: { rows: [old] }, transfers: datesOf([old.date]) });
  });
  await dispatchTransactionFollowUps(followUps);
  return { id, jobId: followUps.summary!.id };
}
