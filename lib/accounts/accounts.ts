import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { formatAmount } from "../finance/money";
import type { AccountType, FinancialAccount, Prisma } from "../generated/prisma/client";
import type { Tx } from "../db";
import type { CreateAccountInput, UpdateAccountInput } from "./account-schemas";

// A user's financial accounts, first-class: every transaction belongs to one. Balances are
// computed by Postgres (opening balance + the account's transactions), never summed in JS.

export interface LastStatementView {
  date: string;
  closingBalance: string;
  /** The account's balance at the end of the statement's day equals the statement's closing balance. */
  matches: boolean;
  /** Account balance on that day minus the statement's closing balance ("0.00" when they agree). */
  difference: string;
}

export interface AccountView {
  id: string;
  name: string;
  institution: string | null;
  type: AccountType;
  currency: string;
  /** The bank's account number or IBAN that statement files are matched by. */
  number: string | null;
  archived: boolean;
  balance: string;
  openingBalance: string;
  openingDate: string | null;
  transactionCount: number;
  lastImportAt: string | null;
  lastStatement: LastStatementView | null;
}

/** The account manual entries go to when none is chosen (and the migration's backfill). */
export const DEFAULT_ACCOUNT_NAME = "Cash";

type AccountRow = Pick<
  FinancialAccount,
  "id" | "name" | "institution" | "type" | "currency" | "number" | "archived" | "openingBalanceMinor" | "openingDate" | "lastStatementDate" | "lastStatementBalanceMinor"
> & {
  balance: bigint;
  balanceAtStatement: bigint | null;
  transactionCount: bigint;
  lastImportAt: Date | null;
};

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function toView(a: AccountRow): AccountView {
  const statement =
    a.lastStatementDate && a.lastStatementBalanceMinor !== null && a.balanceAtStatement !== null
      ? {
          date: day(a.lastStatementDate)!,
          closingBalance: formatAmount(a.lastStatementBalanceMinor),
          matches: a.balanceAtStatement === a.lastStatementBalanceMinor,
          difference: formatAmount(a.balanceAtStatement - a.lastStatementBalanceMinor),
        }
      : null;
  return {
    id: a.id,
    name: a.name,
    institution: a.institution,
    type: a.type,
    currency: a.currency,
    number: a.number,
    archived: a.archived,
    balance: formatAmount(a.balance),
    openingBalance: formatAmount(a.openingBalanceMinor),
    openingDate: day(a.openingDate),
    transactionCount: Number(a.transactionCount),
    lastImportAt: a.lastImportAt?.toISOString() ?? null,
    lastStatement: statement,
  };
}

/** One pass over the user's transactions (the accountId index), grouped per account. */
async function queryAccounts(userId: string, accountId?: string): Promise<AccountRow[]> {
  return db().$queryRaw<AccountRow[]>`
    SELECT a.id, a.name, a.institution, a.type, a.currency, a.number, a.archived,
           a."openingBalanceMinor", a."openingDate", a."lastStatementDate", a."lastStatementBalanceMinor",
           a."openingBalanceMinor" + COALESCE(t.total, 0)::bigint AS balance,
           CASE WHEN a."lastStatementDate" IS NULL THEN NULL
                ELSE a."openingBalanceMinor" + COALESCE(t.upto, 0)::bigint END AS "balanceAtStatement",
           COALESCE(t.n, 0)::bigint AS "transactionCount",
           (SELECT max(i."completedAt") FROM "Import" i WHERE i."accountId" = a.id AND i.status = 'completed') AS "lastImportAt"
      FROM "FinancialAccount" a
      LEFT JOIN LATERAL (
        SELECT sum(x."amountMinor") AS total,
               sum(x."amountMinor") FILTER (WHERE x.date <= a."lastStatementDate") AS upto,
               count(*) AS n
          FROM "Transaction" x WHERE x."accountId" = a.id
      ) t ON true
     WHERE a."userId" = ${userId} AND (${accountId ?? null}::text IS NULL OR a.id = ${accountId ?? null})
     ORDER BY a.archived, a.name`;
}

export async function listAccounts(userId: string): Promise<{ accounts: AccountView[] }> {
  return { accounts: (await queryAccounts(userId)).map(toView) };
}

/**
 * The user's accounts by name only, for selects and filters: no balance, so no pass over the
 * transactions (listAccounts reads every row of every account).
 */
export async function listAccountChoices(userId: string): Promise<{ id: string; name: string; archived: boolean }[]> {
  return db().financialAccount.findMany({ where: { userId }, select: { id: true, name: true, archived: true }, orderBy: [{ archived: "asc" }, { name: "asc" }] });
}

export async function getAccount(userId: string, id: string): Promise<{ account: AccountView }> {
  const [row] = await queryAccounts(userId, id);
  if (!row) throw notFound("Account");
  return { account: toView(row) };
}

function duplicateName(name: string): AppError {
  return new AppError("conflict", `You already have an account named "${name}"`);
}

function dataOf(input: UpdateAccountInput): Prisma.FinancialAccountUpdateInput {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.institution !== undefined ? { institution: input.institution } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.openingBalance !== undefined ? { openingBalanceMinor: input.openingBalance } : {}),
    ...(input.openingDate !== undefined ? { openingDate: input.openingDate ? new Date(`${input.openingDate}T00:00:00Z`) : null } : {}),
    ...(input.archived !== undefined ? { archived: input.archived } : {}),
  };
}

export async function createAccount(userId: string, input: CreateAccountInput): Promise<{ account: AccountView }> {
  let id: string;
  try {
    ({ id } = await db().financialAccount.create({
      data: { userId, name: input.name, ...(dataOf(input) as Omit<Prisma.FinancialAccountCreateInput, "user" | "name">) },
      select: { id: true },
    }));
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw duplicateName(input.name);
    throw err;
  }
  return getAccount(userId, id);
}

export async function updateAccount(userId: string, id: string, input: UpdateAccountInput): Promise<{ account: AccountView }> {
  const own = await db().financialAccount.findFirst({ where: { id, userId }, select: { id: true } });
  if (!own) throw notFound("Account");
  try {
    await db().financialAccount.update({ where: { id }, data: dataOf(input) });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw duplicateName(input.name ?? "");
    throw err;
  }
  return getAccount(userId, id);
}

/**
 * The user's "Cash" account, created on first use: where a transaction goes when none is chosen.
 * One statement, so concurrent first entries agree on one account (Prisma's upsert reads, then
 * inserts, and two racing requests both insert: a burst of changes hit the unique key).
 */
export async function defaultAccountId(tx: Tx, userId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "FinancialAccount" (id, "userId", name, type, "createdAt", "updatedAt")
    VALUES (${randomUUID()}, ${userId}, ${DEFAULT_ACCOUNT_NAME}, 'cash', now(), now())
    ON CONFLICT ("userId", name) DO UPDATE SET name = EXCLUDED.name
    RETURNING id`;
  return rows[0].id;
}

/** The user's own account by id, else 404. */
export async function ownAccountId(tx: Tx, userId: string, id: string): Promise<string> {
  const own = await tx.financialAccount.findFirst({ where: { id, userId }, select: { id: true } });
  if (!own) throw notFound("Account");
  return own.id;
}
