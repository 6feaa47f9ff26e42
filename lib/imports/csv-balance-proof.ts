import { db } from "../db";
import type { NormalizedRow } from "../finance/csv";
import { Prisma, type Import } from "../generated/prisma/client";
import { currencyDigits, formatAmount } from "../finance/money";
import { checkStatementBalances, type BalanceCheck, type MissingPeriod } from "./check-statement-balance";

// The balance proof for a CSV with a running-balance column: the row earliest in time gives
// the opening balance (its balance less its amount), the row latest in time the closing one.
// Banks list oldest-first or newest-first, so "earliest" is the first or the last row with a
// balance, whichever has the earlier date (the order of same-day rows is the file's order).
// Where one row's balance does not follow from the one before it and its amount, rows are
// missing between the two dates: those breaks are named as the likely missing dates.

const MAX_BREAKS = 20;

interface Seen {
  date: string;
  amountMinor: bigint;
  balanceMinor: bigint;
}

export class CsvBalanceProof {
  private first: Seen | null = null;
  private last: Seen | null = null;
  private sum = 0n;
  private readonly daySums = new Map<string, bigint>();
  /** Neighbouring rows (file order) whose balances do not chain either way; judged at the end, when the order is known. */
  private readonly breaks: [Seen, Seen][] = [];

  private constructor(
    private readonly row: Import,
    private readonly accountId: string,
    private readonly wasEmpty: boolean,
    private readonly digits: number,
  ) {}

  /** Before the first insert: whether the account was empty decides its opening balance. */
  static async start(row: Import, accountId: string): Promise<CsvBalanceProof> {
    const before = await db().transaction.findFirst({ where: { accountId, NOT: { importId: row.id } }, select: { id: true } });
    const account = await db().financialAccount.findUnique({ where: { id: accountId }, select: { currency: true } });
    return new CsvBalanceProof(row, accountId, before === null, currencyDigits(account?.currency));
  }

  add(r: NormalizedRow): void {
    this.sum += r.amountMinor;
    this.daySums.set(r.date, (this.daySums.get(r.date) ?? 0n) + r.amountMinor);
    if (r.balanceMinor === null) return;
    const seen = { date: r.date, amountMinor: r.amountMinor, balanceMinor: r.balanceMinor };
    const prev = this.last;
    if (prev && prev.balanceMinor + seen.amountMinor !== seen.balanceMinor && seen.balanceMinor + prev.amountMinor !== prev.balanceMinor && this.breaks.length < MAX_BREAKS) {
      this.breaks.push([prev, seen]);
    }
    this.first ??= seen;
    this.last = seen;
  }

  /** Writes the check to the import (null when no row had a balance). */
  async finish(): Promise<BalanceCheck | null> {
    let check: BalanceCheck | null = null;
    if (this.first && this.last) {
      const newestFirst = this.first.date > this.last.date;
      const earliest = newestFirst ? this.last : this.first;
      const latest = newestFirst ? this.first : this.last;
      const dates = [...this.daySums.keys()].sort();
      const gaps: MissingPeriod[] = this.breaks.map(([a, b]) => {
        // Chronologically: before, then after. What is missing between them is the after row's
        // balance less (the before row's balance + the after row's amount).
        const [before, after] = newestFirst ? [b, a] : [a, b];
        const gap = after.balanceMinor - (before.balanceMinor + after.amountMinor);
        return { from: before.date, to: after.date, difference: formatAmount(gap, this.digits), reason: "the running balance jumps here: rows between these dates are likely missing from the file" };
      });
      check = await checkStatementBalances(this.row.id, [
        {
          accountId: this.accountId,
          wasEmpty: this.wasEmpty,
          daySums: this.daySums,
          gaps,
          statements: [
            {
              account: null,
              opening: { date: earliest.date, amountMinor: earliest.balanceMinor - earliest.amountMinor },
              closing: { date: latest.date, amountMinor: latest.balanceMinor },
              available: null,
              dateFrom: dates[0] ?? null,
              dateTo: dates[dates.length - 1] ?? null,
              rowsSumMinor: this.sum,
            },
          ],
        },
      ]);
    }
    await db().import.update({ where: { id: this.row.id }, data: { balanceCheck: check === null ? Prisma.DbNull : (check as unknown as Prisma.InputJsonValue) } });
    return check;
  }
}
