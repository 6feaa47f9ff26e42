import { db } from "../db";
import { notFound } from "../errors";
import { exportCsv, type ExportRow } from "../finance/csv";
import type { Prisma } from "../generated/prisma/client";

// Transactions back out as CSV (spreadsheet-safe, see lib/finance/csv/export-csv.ts), oldest
// first, read in batches along (date, id) so a large history never sits in memory.

const BATCH = 1000;

export interface ExportQuery {
  from?: string;
  to?: string;
  accountId?: string;
}

/** Checks the account first (404 before the download starts), then streams. */
export async function exportTransactions(userId: string, query: ExportQuery): Promise<{ fileName: string; chunks: AsyncGenerator<string> }> {
  if (query.accountId) {
    const own = await db().financialAccount.findFirst({ where: { id: query.accountId, userId }, select: { id: true } });
    if (!own) throw notFound("Account");
  }
  const range = [query.from ?? "start", query.to ?? new Date().toISOString().slice(0, 10)].join("_to_");
  return { fileName: `transactions-${range}.csv`, chunks: exportCsv(rows(userId, query)) };
}

async function* rows(userId: string, query: ExportQuery): AsyncGenerator<ExportRow> {
  const base: Prisma.TransactionWhereInput = {
    userId,
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(query.from || query.to
      ? {
          date: {
            ...(query.from ? { gte: new Date(`${query.from}T00:00:00Z`) } : {}),
            ...(query.to ? { lte: new Date(`${query.to}T00:00:00Z`) } : {}),
          },
        }
      : {}),
  };
  let after: { date: Date; id: string } | null = null;
  for (;;) {
    const where: Prisma.TransactionWhereInput = after
      ? { AND: [base, { OR: [{ date: { gt: after.date } }, { date: after.date, id: { gt: after.id } }] }] }
      : base;
    const batch = await db().transaction.findMany({
      where,
      orderBy: [{ date: "asc" }, { id: "asc" }],
      take: BATCH,
      select: { id: true, date: true, description: true, payee: true, amountMinor: true, category: { select: { name: true } }, account: { select: { name: true } } },
    });
    for (const t of batch) {
      yield { date: t.date.toISOString().slice(0, 10), description: t.description, payee: t.payee, amountMinor: t.amountMinor, category: t.category?.name ?? null, account: t.account?.name ?? null };
    }
    if (batch.length < BATCH) return;
    const last = batch[batch.length - 1];
    after = { date: last.date, id: last.id };
  }
}

/** A text stream as a Response body (pulled as the client reads). */
export function streamBody(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
