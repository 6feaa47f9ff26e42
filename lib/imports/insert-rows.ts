import { ensureCategories, type CategoryRow } from "../categories/ensure-category";
import type { NormalizedRow, RowIssue } from "../finance/csv";
import { CrossFormatMatcher } from "./match-across-formats";
import { importPool } from "../db";

// The import's writes, in large batches: one multi-row INSERT … SELECT FROM unnest(arrays) per
// batch, with ON CONFLICT DO NOTHING on the fingerprint (transactions) or the line (issues), so
// a retried or crashed job re-running a batch adds nothing twice. Rows are collected as
// parallel arrays of primitives, which is what pg sends as the array parameters anyway.

export class RowBatch {
  readonly ids: string[] = [];
  readonly dates: string[] = [];
  readonly descriptions: string[] = [];
  readonly payees: (string | null)[] = [];
  readonly amounts: string[] = [];
  readonly categories: (string | null)[] = [];
  readonly fingerprints: string[] = [];
  /** The row's fingerprint without an account, when rows imported with no account must not be added again. */
  readonly unassignedFingerprints: (string | null)[] = [];
  readonly lines: number[] = [];
  /** The row's account when a statement file names it; null: the writer's account. */
  readonly accountIds: (string | null)[] = [];
  readonly issueLines: number[] = [];
  readonly issueKinds: string[] = [];
  readonly issueReasons: string[] = [];
  readonly issueRaws: (string | null)[] = [];

  get rowCount(): number {
    return this.ids.length;
  }

  get size(): number {
    return this.ids.length + this.issueLines.length;
  }

  addRow(
    id: string,
    row: NormalizedRow,
    fingerprint: string,
    unassignedFingerprint: string | null = null,
    accountId: string | null = null,
  ): void {
    this.accountIds.push(accountId);
    this.ids.push(id);
    this.dates.push(row.date);
    // Some exports leave the description empty and put the merchant in the payee column.
    this.descriptions.push(row.description !== "" ? row.description : (row.payee ?? ""));
    this.payees.push(row.payee);
    this.amounts.push(row.amountMinor.toString());
    this.categories.push(row.category ? row.category.trim().slice(0, 64) || null : null);
    this.fingerprints.push(fingerprint);
    this.unassignedFingerprints.push(unassignedFingerprint);
    this.lines.push(row.line);
  }

  addIssue(issue: RowIssue): void {
    this.issueLines.push(issue.line);
    this.issueKinds.push(issue.kind);
    this.issueReasons.push(issue.reason.slice(0, 1000));
    this.issueRaws.push(issue.raw ?? null);
  }
}

export interface BatchTarget {
  userId: string;
  importId: string;
  /** Rows without an account of their own go here (a statement import's rows all have one). */
  accountId: string | null;
  /** The import's format (csv, ofx…): rows matching another format's rows are not added again. */
  format: string;
}

/** The bank's own category names become the user's categories, up to this many per import. */
const MAX_CATEGORIES = 500;

export class RowWriter {
  private readonly categoryIds = new Map<string, string>();
  private readonly matcher: CrossFormatMatcher;

  constructor(private readonly target: BatchTarget) {
    this.matcher = new CrossFormatMatcher(target);
  }

  /** Call before adding rows of an account (see CrossFormatMatcher.prepare). */
  prepareAccount(accountId: string): Promise<void> {
    return this.matcher.prepare(accountId);
  }

  /** Writes the batch; returns how many transactions were new. */
  async write(batch: RowBatch): Promise<number> {
    let inserted = 0;
    if (batch.rowCount > 0) {
      // Synchronous, so in batch order even with several writes in flight.
      const { occurrences, accounts: crossAccounts } = this.matcher.occurrences(batch, this.target.accountId);
      const categoryIds = await this.resolveCategories(batch.categories);
      const result = await importPool().query(
        `INSERT INTO "Transaction" (id, "userId", date, description, payee, "amountMinor", "categoryId", "accountId",
                                    "importId", fingerprint, "importLine", "createdAt", "updatedAt")
         SELECT r.id, $1, r.date, r.description, r.payee, r.amount, r.category, COALESCE(r.account, $2), $3, r.fingerprint, r.line, now(), now()
           FROM unnest($4::text[], $5::date[], $6::text[], $7::text[], $8::bigint[], $9::text[], $10::text[], $11::int[], $12::text[], $13::int[], $16::text[])
                AS r(id, date, description, payee, amount, category, fingerprint, line, account, occurrence, unassigned)
          WHERE (cardinality($14::text[]) = 0 OR NOT (COALESCE(r.account, $2) = ANY($14::text[]) AND ${CrossFormatMatcher.SQL_ALREADY_THERE}))
            AND (r.unassigned IS NULL
                 OR NOT EXISTS (SELECT 1 FROM "Transaction" x WHERE x."userId" = $1 AND x.fingerprint = r.unassigned))
         ON CONFLICT ("userId", fingerprint) DO NOTHING`,
        [
          this.target.userId,
          this.target.accountId,
          this.target.importId,
          batch.ids,
          batch.dates,
          batch.descriptions,
          batch.payees,
          batch.amounts,
          categoryIds,
          batch.fingerprints,
          batch.lines,
          batch.accountIds,
          occurrences,
          crossAccounts,
          this.target.format,
          batch.unassignedFingerprints,
        ],
      );
      inserted = result.rowCount ?? 0;
    }
    if (batch.issueLines.length > 0) {
      await importPool().query(
        `INSERT INTO "ImportRowIssue" ("importId", line, kind, reason, raw)
         SELECT $1, i.line, i.kind, i.reason, i.raw
           FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS i(line, kind, reason, raw)
         ON CONFLICT ("importId", line) DO NOTHING`,
        [this.target.importId, batch.issueLines, batch.issueKinds, batch.issueReasons, batch.issueRaws],
      );
    }
    return inserted;
  }

  private async resolveCategories(names: (string | null)[]): Promise<(string | null)[]> {
    const missing = [...new Set(names.filter((n): n is string => n !== null && !this.categoryIds.has(n)))].slice(
      0,
      Math.max(0, MAX_CATEGORIES - this.categoryIds.size),
    );
    if (missing.length > 0) {
      const { userId } = this.target;
      // Found case-insensitively ("groceries" is the user's "Groceries") or created with its kind.
      const ids = await ensureCategories(
        (sql, params) => importPool().query<CategoryRow>(sql, params).then((r) => r.rows),
        userId,
        missing,
      );
      for (const [name, id] of ids) this.categoryIds.set(name, id);
    }
    return names.map((n) => (n === null ? null : (this.categoryIds.get(n) ?? null)));
  }
}

/** Deletes the import's transactions in batches (a failed run's partial rows, or an undo). */
export async function deleteImportRows(importId: string, onBatch?: (deleted: number) => Promise<void>): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await importPool().query(
      `DELETE FROM "Transaction" WHERE id IN (SELECT id FROM "Transaction" WHERE "importId" = $1 LIMIT 5000)`,
      [importId],
    );
    const n = result.rowCount ?? 0;
    if (n === 0) return total;
    total += n;
    await onBatch?.(total);
  }
}
