import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { pairKey } from "../finance/transfers/match-transfers";
import { formatAmount } from "../finance/money";
import { dispatchTransactionFollowUps, recordTransactionChange } from "../transactions/record-transaction-change";

// A person's word on transfers: link two of their transactions by hand, or unlink a pair. Both
// are remembered (TransferDecision), so the transfer-matching job never undoes a hand-made link
// and never pairs an unlinked pair again. Each is one transaction with the data-version bump,
// so the summary and the rest recompute without (or with) the pair.

export interface TransferPairView {
  id: string;
  peerId: string | null;
}

export interface TransferCandidateView {
  id: string;
  date: string;
  description: string;
  amount: string;
  accountId: string;
  accountName: string;
  currency: string;
  /** The same amount, the other way: what a transfer's other side looks like. */
  sameAmount: boolean;
}

/** How far from the row's date the link dialog looks for its other side. */
const CANDIDATE_DAYS = 14;
const CANDIDATE_LIMIT = 20;

interface LockedRow {
  id: string;
  accountId: string | null;
  amountMinor: bigint;
  transferPeerId: string | null;
  date: Date;
  currency: string | null;
}

async function lockRows(tx: Tx, userId: string, ids: string[]): Promise<Map<string, LockedRow>> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT t.id, t."accountId", t."amountMinor", t."transferPeerId", t.date, a.currency
      FROM "Transaction" t LEFT JOIN "FinancialAccount" a ON a.id = t."accountId"
     WHERE t."userId" = ${userId} AND t.id = ANY(${ids}::text[])
     ORDER BY t.id FOR UPDATE OF t`;
  return new Map(rows.map((r) => [r.id, r]));
}

const invalid = (field: string, message: string) => new AppError("validation_failed", message, { fields: { [field]: [message] } });

const dayText = (d: Date) => d.toISOString().slice(0, 10);

export async function linkTransfer(
  userId: string,
  input: { id: string; peerId: string; allowCurrencyMismatch?: boolean },
): Promise<{ transactions: TransferPairView[]; jobId: string | null }> {
  if (input.id === input.peerId) throw invalid("peerId", "Pick another transaction: a transfer has two sides");
  const followUps = await db().$transaction(async (tx) => {
    const rows = await lockRows(tx, userId, [input.id, input.peerId]);
    const a = rows.get(input.id);
    const b = rows.get(input.peerId);
    if (!a || !b) throw notFound("Transaction");
    if (a.transferPeerId === b.id && b.transferPeerId === a.id) return null;
    if (!a.accountId || !b.accountId) throw invalid("peerId", "Both transactions need an account");
    if (a.accountId === b.accountId) throw invalid("peerId", "A transfer moves money between two different accounts");
    if (a.amountMinor === 0n || b.amountMinor === 0n || a.amountMinor < 0n === b.amountMinor < 0n) {
      throw invalid("peerId", "A transfer pairs money out of one account with money into another");
    }
    if (a.currency !== b.currency && !input.allowCurrencyMismatch) {
      throw invalid("allowCurrencyMismatch", `The accounts are in different currencies (${a.currency} and ${b.currency}); confirm to link them anyway`);
    }
    if (a.transferPeerId || b.transferPeerId) throw new AppError("conflict", "One of these transactions is already part of a transfer: unlink it first");
    await tx.$executeRaw`UPDATE "Transaction" SET "transferPeerId" = ${b.id}, "updatedAt" = now() WHERE id = ${a.id}`;
    await tx.$executeRaw`UPDATE "Transaction" SET "transferPeerId" = ${a.id}, "updatedAt" = now() WHERE id = ${b.id}`;
    await recordDecision(tx, userId, a.id, b.id, "linked");
    return recordTransactionChange(tx, userId, { budgets: "all", transfers: "none" });
  });
  await dispatchTransactionFollowUps(followUps);
  return {
    transactions: [
      { id: input.id, peerId: input.peerId },
      { id: input.peerId, peerId: input.id },
    ],
    jobId: followUps?.summary?.id ?? null,
  };
}

export async function unlinkTransfer(userId: string, id: string): Promise<{ transactions: TransferPairView[]; jobId: string }> {
  const { peerId, followUps } = await db().$transaction(async (tx) => {
    const first = (await lockRows(tx, userId, [id])).get(id);
    if (!first) throw notFound("Transaction");
    if (!first.transferPeerId) throw new AppError("conflict", "This transaction is not part of a transfer");
    const peerId = first.transferPeerId;
    await lockRows(tx, userId, [peerId]);
    await tx.$executeRaw`UPDATE "Transaction" SET "transferPeerId" = NULL, "updatedAt" = now()
                          WHERE "userId" = ${userId} AND (id = ${id} OR id = ${peerId} OR "transferPeerId" = ${id})`;
    await recordDecision(tx, userId, id, peerId, "unlinked");
    return { peerId, followUps: await recordTransactionChange(tx, userId, { budgets: "all", transfers: "none" }) };
  });
  await dispatchTransactionFollowUps(followUps);
  return {
    transactions: [
      { id, peerId: null },
      { id: peerId, peerId: null },
    ],
    jobId: followUps.summary!.id,
  };
}

async function recordDecision(tx: Tx, userId: string, a: string, b: string, kind: "linked" | "unlinked"): Promise<void> {
  const [lowId, highId] = pairKey(a, b).split("|");
  await tx.$executeRaw`
    INSERT INTO "TransferDecision" (id, "userId", "lowId", "highId", kind, "createdAt")
    VALUES (gen_random_uuid()::text, ${userId}, ${lowId}, ${highId}, ${kind}::"TransferDecisionKind", now())
    ON CONFLICT ("lowId", "highId") DO UPDATE SET kind = EXCLUDED.kind, "createdAt" = now()`;
}

/**
 * The rows that could be the other side of a transaction: the other way round, in another
 * account, not already in a transfer, within two weeks; the same amount first, then the
 * closest date. One index range of the user's rows.
 */
export async function transferCandidates(userId: string, id: string): Promise<{ candidates: TransferCandidateView[] }> {
  const row = await db().transaction.findFirst({ where: { id, userId }, select: { id: true, date: true, amountMinor: true, accountId: true } });
  if (!row) throw notFound("Transaction");
  if (row.amountMinor === 0n) return { candidates: [] };
  const magnitude = row.amountMinor < 0n ? -row.amountMinor : row.amountMinor;
  const wantPositive = row.amountMinor < 0n;
  const rows = await db().$queryRaw<{ id: string; date: Date; description: string; amountMinor: bigint; accountId: string; accountName: string; currency: string }[]>`
    SELECT t.id, t.date, t.description, t."amountMinor", t."accountId", a.name AS "accountName", a.currency
      FROM "Transaction" t JOIN "FinancialAccount" a ON a.id = t."accountId"
     WHERE t."userId" = ${userId}
       AND t.date BETWEEN ${row.date}::date - ${CANDIDATE_DAYS}::int AND ${row.date}::date + ${CANDIDATE_DAYS}::int
       AND t."accountId" IS DISTINCT FROM ${row.accountId}
       AND (CASE WHEN ${wantPositive} THEN t."amountMinor" > 0 ELSE t."amountMinor" < 0 END)
       AND t."transferPeerId" IS NULL AND t.id <> ${row.id}
     ORDER BY (abs(t."amountMinor") = ${magnitude}) DESC, abs(t.date - ${row.date}::date), t.id
     LIMIT ${CANDIDATE_LIMIT}`;
  return {
    candidates: rows.map((r) => ({
      id: r.id,
      date: dayText(r.date),
      description: r.description,
      amount: formatAmount(r.amountMinor),
      accountId: r.accountId,
      accountName: r.accountName,
      currency: r.currency,
      sameAmount: r.amountMinor === -row.amountMinor,
    })),
  };
}
