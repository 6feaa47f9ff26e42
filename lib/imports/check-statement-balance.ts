import { db } from "../db";
import { currencyDigits, formatAmount as formatMinor } from "../finance/money";
import type { StatementBalances } from "../finance/statements";
import { importPool } from "../db";
import { recordImportStatement, setOpeningFromStatement } from "./import-accounts";

// The balance proof: after a statement import, the account's balance at the statement's
// closing date (opening balance + every transaction of the account up to that day, summed by
// Postgres) must equal the closing balance the bank states. When it does not, the likely gaps
// are named: a statement in the file whose own rows do not add up (a row the reader could not
// read), the days where the account holds a different sum than the file, or the time before
// the statement when the account's balance already differs from the statement's opening.

export interface MissingPeriod {
  from: string;
  to: string;
  /** What the account lacks there (positive: money in is missing), as a decimal string. */
  difference: string;
  reason: string;
}

export interface AccountBalanceCheck {
  accountId: string;
  currency: string | null;
  statementOpening: string | null;
  statementClosing: string;
  closingDate: string;
  accountBalanceAfter: string;
  matches: boolean;
  /** accountBalanceAfter − statementClosing. */
  difference: string;
  likelyMissing: MissingPeriod[];
}

/** Import.balanceCheck: the first account's figures at the top (the shape), every account's in `accounts`. */
export type BalanceCheck = AccountBalanceCheck & { accounts: AccountBalanceCheck[] };

export interface StatementRun {
  accountId: string;
  /** The account had no transactions before this import: its opening balance comes from the statement. */
  wasEmpty: boolean;
  statements: StatementBalances[];
  /** The file's booked rows per day, for naming the days that differ. */
  daySums: Map<string, bigint>;
  /** Where the file's own running balance breaks (a CSV balance column): named instead of whole statements. */
  gaps?: MissingPeriod[];
}

const MAX_MISSING = 20;

function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

async function balanceAt(accountId: string, date: string): Promise<bigint> {
  const { rows } = await importPool().query<{ balance: string }>(
    `SELECT (a."openingBalanceMinor" + COALESCE((SELECT sum(t."amountMinor") FROM "Transaction" t
              WHERE t."accountId" = a.id AND t.date <= $2::date), 0))::text AS balance
       FROM "FinancialAccount" a WHERE a.id = $1`,
    [accountId, date],
  );
  return BigInt(rows[0]?.balance ?? "0");
}

async function checkAccount(importId: string, run: StatementRun): Promise<{ check: AccountBalanceCheck; closingMinor: bigint; opening: { minor: bigint; date: string } | null } | null> {
  const stated = run.statements.filter((s) => s.closing !== null);
  if (stated.length === 0) return null;
  const byClosing = [...stated].sort((a, b) => (a.closing!.date < b.closing!.date ? -1 : 1));
  const last = byClosing[byClosing.length - 1];
  const first = [...run.statements].filter((s) => s.opening).sort((a, b) => (a.opening!.date < b.opening!.date ? -1 : 1))[0] ?? null;

  if (run.wasEmpty && first?.opening) {
    // A new account starts where the bank says it started: its first statement's opening balance
    // (given back on undo, lib/imports/import-accounts.ts).
    await setOpeningFromStatement(importId, run.accountId, first.opening.amountMinor, previousDay(first.dateFrom ?? first.opening.date));
  }
  const closing = last.closing!;
  const after = await balanceAt(run.accountId, closing.date);
  // Amounts in words with the account currency's decimals (JPY 0, BHD 3).
  const account = await db().financialAccount.findUnique({ where: { id: run.accountId }, select: { currency: true } });
  const formatAmount = (minor: bigint) => formatMinor(minor, currencyDigits(account?.currency));
  const missing: MissingPeriod[] = [];

  if (run.gaps?.length) missing.push(...run.gaps);
  else for (const s of run.statements) {
    if (!s.opening || !s.closing) continue;
    const gap = s.closing.amountMinor - (s.opening.amountMinor + s.rowsSumMinor);
    if (gap !== 0n) {
      missing.push({ from: s.dateFrom ?? s.opening.date, to: s.closing.date, difference: formatAmount(gap), reason: "the statement's own rows do not add up to its closing balance (a row could not be read)" });
    }
  }
  if (after !== closing.amountMinor) {
    if (first?.opening && first.dateFrom) {
      const before = await balanceAt(run.accountId, previousDay(first.dateFrom));
      const gap = first.opening.amountMinor - before;
      if (gap !== 0n) missing.push({ from: "", to: previousDay(first.dateFrom), difference: formatAmount(gap), reason: "before this statement the account's balance differs from the statement's opening balance" });
    }
    const days = [...run.daySums.keys()].sort();
    if (days.length > 0) {
      const { rows } = await importPool().query<{ day: string; total: string }>(
        `SELECT to_char(date, 'YYYY-MM-DD') AS day, sum("amountMinor")::text AS total FROM "Transaction"
          WHERE "accountId" = $1 AND date BETWEEN $2::date AND $3::date GROUP BY date`,
        [run.accountId, days[0], days[days.length - 1]],
      );
      const held = new Map(rows.map((r) => [r.day, BigInt(r.total)]));
      for (const day of new Set([...days, ...held.keys()])) {
        const gap = (run.daySums.get(day) ?? 0n) - (held.get(day) ?? 0n);
        if (gap !== 0n) missing.push({ from: day, to: day, difference: formatAmount(gap), reason: "the account holds a different sum on this day than the statement" });
      }
    }
  }
  const check: AccountBalanceCheck = {
    accountId: run.accountId,
    currency: last.account?.currency ?? account?.currency ?? null,
    statementOpening: first?.opening ? formatAmount(first.opening.amountMinor) : null,
    statementClosing: formatAmount(closing.amountMinor),
    closingDate: closing.date,
    accountBalanceAfter: formatAmount(after),
    matches: after === closing.amountMinor,
    difference: formatAmount(after - closing.amountMinor),
    likelyMissing: missing.sort((a, b) => (a.to < b.to ? -1 : 1)).slice(0, MAX_MISSING),
  };
  const opening = first?.opening ? { minor: first.opening.amountMinor, date: previousDay(first.dateFrom ?? first.opening.date) } : null;
  return { check, closingMinor: closing.amountMinor, opening };
}

/** Proves each account's statements, records the latest closing balance on the account, and returns the check (null when no statement states a closing balance). */
export async function checkStatementBalances(importId: string, runs: StatementRun[]): Promise<BalanceCheck | null> {
  const accounts: AccountBalanceCheck[] = [];
  for (const run of runs) {
    const proved = await checkAccount(importId, run);
    if (!proved) continue;
    const { check, closingMinor, opening } = proved;
    accounts.push(check);
    await recordImportStatement(importId, run.accountId, { date: check.closingDate, minor: closingMinor }, opening);
    await importPool().query(
      `UPDATE "FinancialAccount" SET "lastStatementDate" = $2::date, "lastStatementBalanceMinor" = $3::bigint, "updatedAt" = now()
        WHERE id = $1 AND ("lastStatementDate" IS NULL OR "lastStatementDate" <= $2::date)`,
      [run.accountId, check.closingDate, closingMinor.toString()],
    );
  }
  return accounts.length > 0 ? { ...accounts[0], accounts } : null;
}
