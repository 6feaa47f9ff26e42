import { importPool } from "../db";
import type { RowBatch } from "./insert-rows";

// Cross-format dedupe. Within one format a re-import is caught by the fingerprint (the bank's
// id, or date + amount + description + occurrence). Across formats neither works: an OFX row
// has a FITID and the bank's CSV of the same days has none, and the two describe the same
// purchase in different words ("COFFEE ROASTERS #12" vs "Coffee Roasters"). So, in an account
// that already holds rows imported from another format, a row is taken as already there when
// that account has more rows of other formats on the same date with the same amount than this
// file has had before it: the k-th 12.50 on 3 January in this file matches when the other
// formats' imports put at least k+1 of them there. Dates and amounts are what every format
// carries exactly. The cost: two genuinely different purchases with the same amount on the same
// day, one only in the CSV and one only in the OFX, count as one (reported as a duplicate, so
// visible in the import's counts). Accounts without another format's rows skip the check.

export class CrossFormatMatcher {
  /** The SQL condition (inside the insert, over unnest row r) that the row is already there. */
  static readonly SQL_ALREADY_THERE = `(
    SELECT count(*) FROM "Transaction" t JOIN "Import" i ON i.id = t."importId"
     WHERE t."userId" = $1 AND t.date = r.date AND t."amountMinor" = r.amount
       AND t."accountId" = COALESCE(r.account, $2) AND i.format <> $15 AND t."importId" <> $3
  ) > r.occurrence`;

  private readonly counts = new Map<string, number>();
  /** Accounts probed so far: true when they hold another format's rows. */
  private readonly otherFormats = new Map<string, boolean>();

  constructor(private readonly target: { userId: string; importId: string; format: string }) {}

  /**
   * Probes the account once, before any of its rows is added (imports are few; each is probed by
   * its index). Rows of an account not prepared are never matched across formats.
   */
  async prepare(accountId: string): Promise<void> {
    if (this.otherFormats.has(accountId)) return;
    const { rows } = await importPool().query<{ found: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM "Import" i
          WHERE i."userId" = $1 AND i.format <> $2 AND i.id <> $3
            AND EXISTS (SELECT 1 FROM "Transaction" t WHERE t."importId" = i.id AND t."accountId" = $4)
       ) AS found`,
      [this.target.userId, this.target.format, this.target.importId, accountId],
    );
    this.otherFormats.set(accountId, rows[0].found);
  }

  /**
   * Each row's index among this file's rows of the same account, date and amount (counted only
   * in accounts that hold another format's rows, so a million-row import into a fresh account
   * keeps no per-day state), and those accounts.
   */
  occurrences(batch: RowBatch, defaultAccount: string | null): { occurrences: number[]; accounts: string[] } {
    const out = new Array<number>(batch.rowCount).fill(0);
    const accounts = new Set<string>();
    for (let i = 0; i < batch.rowCount; i++) {
      const account = batch.accountIds[i] ?? defaultAccount;
      if (account === null || this.otherFormats.get(account) !== true) continue;
      accounts.add(account);
      const key = `${account}\u001f${batch.dates[i]}\u001f${batch.amounts[i]}`;
      const n = this.counts.get(key) ?? 0;
      this.counts.set(key, n + 1);
      out[i] = n;
    }
    return { occurrences: out, accounts: [...accounts] };
  }
}
