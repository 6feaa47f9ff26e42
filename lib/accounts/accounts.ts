import { randomUUID } from "node:crypto";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { currencyDigits, formatAmount as formatMinor, isOverAmountBound, maxAmountText, parseDecimalAmount } from "../finance/money";
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
  // Decimal strings with the currency's own decimals: "1234" yen, "1.234" dinar.
  const digits = currencyDigits(a.currency);
  const formatAmount = (minor: bigint) => formatMinor(minor, digits);
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

/**
 * The accounts with their balances, without aggregating their rows: the sum and count of an
 * account's transactions are kept on the account by a trigger (migration
 * accounts_running_balance), and the balance on the last statement's day is that sum minus the
 * rows after the day (the (accountId, date) index; few rows, as statements are recent).
 */
async function queryAccounts(userId: string, accountId?: string): Promise<AccountRow[]> {
  const rows = await db().$queryRaw<(Omit<AccountRow, "balance" | "balanceAtStatement"> & { balance: string; balanceAtStatement: string | null })[]>`
    SELECT a.id, a.name, a.institution, a.type, a.currency, a.number, a.archived,
           a."openingBalanceMinor", a."openingDate", a."lastStatementDate", a."lastStatementBalanceMinor",
           (a."openingBalanceMinor" + a."transactionsSumMinor")::text AS balance,
           CASE WHEN a."lastStatementDate" IS NULL THEN NULL
                ELSE (a."openingBalanceMinor" + a."transactionsSumMinor" - COALESCE(
                       (SELECT sum(x."amountMinor") FROM "Transaction" x
                         WHERE x."accountId" = a.id AND x.date > a."lastStatementDate"), 0))::text END AS "balanceAtStatement",
           a."transactionCount",
           (SELECT max(i."completedAt") FROM "ImportAccount" ia JOIN "Import" i ON i.id = ia."importId"
             WHERE ia."accountId" = a.id AND i.status = 'completed') AS "lastImportAt"
      FROM "FinancialAccount" a
     WHERE a."userId" = ${userId} AND (${accountId ?? null}::text IS NULL OR a.id = ${accountId ?? null})
     ORDER BY a.archived, a.name`;
  return rows.map((r) => ({ ...r, balance: BigInt(r.balance), balanceAtStatement: r.balanceAtStatement === null ? null : BigInt(r.balanceAtStatement) }));
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

/** A unique key taken: the name, or the number another account already has. */
function duplicate(err: unknown, input: { name?: string; number?: string | null }): AppError | null {
  if ((err as { code?: string }).code !== "P2002") return null;
  const target = JSON.stringify((err as { meta?: unknown }).meta ?? "");
  if (target.includes("number") && input.number) {
    return new AppError("conflict", `Another of your accounts already has the number ${input.number}`, { fields: { number: [`Another of your accounts already has the number ${input.number}`] } });
  }
  const message = `You already have an account named "${input.name ?? ""}"`;
  return new AppError("conflict", message, { fields: { name: [message] } });
}

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", "The request is not valid", { fields: { [field]: [message] } });
}

/** A decimal amount in the currency's minor units (JPY 0 decimals, BHD 3), or a 422 on `field` saying why not. */
export function amountInCurrency(field: string, text: string, currency: string): bigint {
  const digits = currencyDigits(currency);
  const minor = parseDecimalAmount(text, digits);
  if (minor !== null) return minor;
  if (isOverAmountBound(text, digits)) throw invalid(field, `Amounts are limited to ±${maxAmountText(digits)}`);
  throw invalid(
    field,
    digits === 0 ? `${currency} has no decimals: use a whole amount like 1200` : `${currency} has ${digits} decimals: use an amount like ${formatMinor(123456n, digits)}`,
  );
}

function dataOf(input: UpdateAccountInput, currency: string): Prisma.FinancialAccountUpdateInput {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.institution !== undefined ? { institution: input.institution } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.currency !== undefined ? { currency: input.currency } : {}),
    ...(input.number !== undefined ? { number: input.number } : {}),
    ...(input.openingBalance !== undefined ? { openingBalanceMinor: amountInCurrency("openingBalance", input.openingBalance, currency) } : {}),
    ...(input.openingDate !== undefined ? { openingDate: input.openingDate ? new Date(`${input.openingDate}T00:00:00Z`) : null } : {}),
    ...(input.archived !== undefined ? { archived: input.archived } : {}),
  };
}

export async function createAccount(userId: string, input: CreateAccountInput): Promise<{ account: AccountView }> {
  let id: string;
  const data = dataOf(input, input.currency ?? "USD");
  try {
    ({ id } = await db().financialAccount.create({
      data: { userId, name: input.name, ...(data as Omit<Prisma.FinancialAccountCreateInput, "user" | "name">) },
      select: { id: true },
    }));
  } catch (err) {
    throw duplicate(err, input) ?? err;
  }
  return getAccount(userId, id);
}

export async function updateAccount(userId: string, id: string, input: UpdateAccountInput): Promise<{ account: AccountView }> {
  const own = await db().financialAccount.findFirst({
    where: { id, userId },
    select: { id: true, name: true, currency: true, transactionCount: true, openingBalanceMinor: true },
  });
  if (!own) throw notFound("Account");
  const currency = input.currency ?? own.currency;
  // Amounts are stored in the currency's minor units: a change to a currency with other
  // decimals would turn 12.34 dollars into 1,234 yen.
  if (currency !== own.currency && currencyDigits(currency) !== currencyDigits(own.currency) && (own.transactionCount > 0n || (own.openingBalanceMinor !== 0n && input.openingBalance === undefined))) {
    throw invalid(
      "currency",
      `${own.currency} has ${currencyDigits(own.currency)} decimals and ${currency} ${currencyDigits(currency)}: an account with transactions or an opening balance can only change to a currency with the same decimals`,
    );
  }
  const data = dataOf(input, currency);
  try {
    await db().financialAccount.update({ where: { id }, data });
  } catch (err) {
    throw duplicate(err, { name: input.name ?? own.name, number: input.number }) ?? err;
  }
  return getAccount(userId, id);
}

/** An account as a write needs it: where the row goes, its name for the answer, its currency for the amount. */
export interface AccountRef {
  id: string;
  name: string;
  currency: string;
}

/**
 * The user's "Cash" account, created on first use: where a transaction goes when none is chosen.
 * One statement: a read when it exists (no write, no row lock), else an insert that conflicts
 * on ("userId", name), so concurrent first entries agree on one account (Prisma's upsert reads,
 * then inserts, and two racing requests both insert: a burst of changes hit the unique key).
 */
export async function defaultAccount(tx: Tx, userId: string): Promise<AccountRef> {
  const rows = await tx.$queryRaw<AccountRef[]>`
    WITH found AS (
      SELECT id, name, currency FROM "FinancialAccount" WHERE "userId" = ${userId} AND name = ${DEFAULT_ACCOUNT_NAME}
    ), created AS (
      INSERT INTO "FinancialAccount" (id, "userId", name, type, "createdAt", "updatedAt")
      SELECT ${randomUUID()}, ${userId}, ${DEFAULT_ACCOUNT_NAME}, 'cash'::"AccountType", now(), now()
       WHERE NOT EXISTS (SELECT 1 FROM found)
      ON CONFLICT ("userId", name) DO UPDATE SET name = EXCLUDED.name
      RETURNING id, name, currency
    )
    SELECT id, name, currency FROM found UNION ALL SELECT id, name, currency FROM created`;
  return rows[0];
}

export async function defaultAccountId(tx: Tx, userId: string): Promise<string> {
  return (await defaultAccount(tx, userId)).id;
}

/** The user's own account by id, else 404. */
export async function ownAccount(tx: Tx, userId: string, id: string): Promise<AccountRef> {
  const own = await tx.financialAccount.findFirst({ where: { id, userId }, select: { id: true, name: true, currency: true } });
  if (!own) throw notFound("Account");
  return own;
}

export async function ownAccountId(tx: Tx, userId: string, id: string): Promise<string> {
  return (await ownAccount(tx, userId, id)).id;
}

/** An account's currency (ISO 4217), for reading and showing its amounts. */
export async function accountCurrency(tx: Tx, accountId: string): Promise<string> {
  return (await tx.financialAccount.findUniqueOrThrow({ where: { id: accountId }, select: { currency: true } })).currency;
}
