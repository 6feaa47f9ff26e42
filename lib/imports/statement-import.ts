import { createHash } from "node:crypto";
import { db } from "../db";
import { fingerprintNormalized, canonicalDescription, type ReadResult } from "../finance/csv";
import { readStatement, type StatementFormat } from "../finance/statements";
import { Prisma, type Import } from "../generated/prisma/client";
import { checkStatementBalances, type BalanceCheck, type StatementRun } from "./check-statement-balance";
import { CompactOccurrenceCounter } from "./compact-occurrence-counter";
import { readImportHead, streamImportFile } from "./import-file";
import type { RowWriter } from "./insert-rows";
import { findOrCreateStatementAccount } from "./statement-accounts";
import { recordImportAccounts } from "./import-accounts";

// The csv-import job's side of the statement formats (lib/finance/statements): the file's rows
// come out shaped like readCsvRows' results, each with the account it belongs to, its
// fingerprint and a running key for its id (a QIF split or a CAMT batch gives several rows on
// one line), and the stated balances are collected for the proof at the end.
//
// Fingerprints: with a bank id (FITID, AcctSvcrRef) it is the identity within the account, so
// the same transaction re-exported with a reworded memo is still found; without one (MT940,
// QIF) the CSV fingerprint (date, amount, normalized description, occurrence).

export type ImportReadResult = ReadResult & { accountId?: string; fingerprint?: string; key?: number };

export interface StatementImport {
  /** `source` is the stored file, counted for progress; a second pass (QIF) reads it afresh. */
  read(source: AsyncIterable<Uint8Array>): AsyncGenerator<ImportReadResult>;
  /** The balance proof, written to the import and its accounts. */
  finish(): Promise<BalanceCheck | null>;
}

export function bankIdFingerprint(userId: string, scope: string, bankId: string): string {
  return createHash("sha256").update(JSON.stringify(["bank1", userId, scope, bankId])).digest("hex");
}

export function openStatementImport(row: Import, writer: RowWriter, defaultAccount: () => Promise<string>): StatementImport {
  const format = row.format as StatementFormat;
  const byNumber = new Map<string, string>();
  const runs = new Map<string, StatementRun>();
  const counter = new CompactOccurrenceCounter();

  /** The run of an account, created when it is first seen (the proof needs to know whether it was empty before). */
  async function runOf(accountId: string): Promise<StatementRun> {
    let run = runs.get(accountId);
    if (!run) {
      await writer.prepareAccount(accountId);
      const before = await db().transaction.findFirst({ where: { accountId, NOT: { importId: row.id } }, select: { id: true } });
      run = { accountId, wasEmpty: before === null, statements: [], daySums: new Map() };
      runs.set(accountId, run);
    }
    return run;
  }

  let fallback: Promise<string> | null = null;
  async function accountFor(number: string | null): Promise<string> {
    if (row.accountId) return row.accountId;
    const known = number === null ? undefined : byNumber.get(number);
    // A file that names no account (a QIF without !Account) goes to the default account.
    return known ?? (fallback ??= defaultAccount());
  }

  return {
    async *read(source) {
      const head = (await readImportHead(row.id, 8 * 1024)) ?? new Uint8Array(0);
      let key = 0;
      let opened = 0;
      const open = () => (opened++ === 0 ? source : streamImportFile(row.id));
      // The chosen account's currency gives amounts their decimals where the file names none.
      const chosen = row.accountId ? await db().financialAccount.findUnique({ where: { id: row.accountId }, select: { currency: true } }) : null;
      for await (const item of readStatement(format, open, head, chosen?.currency ?? null)) {
        if (item.kind === "account") {
          if (!row.accountId && !byNumber.has(item.account.number)) {
            byNumber.set(item.account.number, await findOrCreateStatementAccount(row.userId, item.account, format));
          }
          await runOf(await accountFor(item.account.number));
        } else if (item.kind === "balances") {
          (await runOf(await accountFor(item.balances.account?.number ?? null))).statements.push(item.balances);
        } else if (item.kind === "issue") {
          yield { line: item.issue.line, issue: item.issue };
        } else {
          const r = item.row;
          const accountId = await accountFor(r.accountNumber);
          const run = await runOf(accountId);
          run.daySums.set(r.date, (run.daySums.get(r.date) ?? 0n) + r.amountMinor);
          const scope = row.dedupe ? accountId : `import:${row.id}:${accountId}`;
          let fingerprint: string;
          if (r.bankId) fingerprint = bankIdFingerprint(row.userId, scope, r.bankId);
          else {
            const normalized = canonicalDescription(r.description);
            const occurrence = counter.nextNormalized(r.date, r.amountMinor, `${accountId}\u001f${normalized}`);
            fingerprint = fingerprintNormalized({ userId: row.userId, accountId: scope, date: r.date, amountMinor: r.amountMinor, description: normalized, occurrence });
          }
          yield { line: r.line, row: r, accountId, fingerprint, key: ++key };
        }
      }
    },

    async finish() {
      // Every account the file touched is recorded on the import (the import page names them,
      // each account's last import is found by them); the first in file order is the import's
      // account, as the balance check's top-level figures are the first account's.
      await recordImportAccounts(row.id, runs.keys());
      const check = await checkStatementBalances(row.id, [...runs.values()]);
      if (!row.accountId && runs.size > 0) await db().import.update({ where: { id: row.id }, data: { accountId: [...runs.keys()][0] } });
      await db().import.update({
        where: { id: row.id },
        data: { balanceCheck: check === null ? Prisma.DbNull : (check as unknown as Prisma.InputJsonValue) },
      });
      return check;
    },
  };
}

