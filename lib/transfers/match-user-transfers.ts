import { db } from "../db";
import { matchTransfers, pairKey, TRANSFER_WINDOW_DAYS, type TransferAccount, type TransferCandidate, type TransferPair } from "../finance/transfers/match-transfers";
import { Prisma } from "../generated/prisma/client";
import { recordTransactionChange, dispatchTransactionFollowUps } from "../transactions/record-transaction-change";

// The transfer-matching run of one user (lib/jobs/transfer-matching.ts): pairs the two sides of
// transfers among the rows dated in the range a change touched, ± the matcher's window, so an
// edit reads a few weeks of rows, not a user's million. The range is read in slices; each
// slice loads twice the window around it, so every candidate of a row it may pair is loaded.
// Pairs are written in one transaction with the data-version bump (the summary, budgets and
// the rest recompute without them); a pair is written only if both rows are still free, as
// they were read, and the person has not unlinked it meanwhile. It also undoes the job's own
// pairs that an edit broke (amounts no longer equal and opposite, one account, too far
// apart); a pair the person linked by hand is never touched.

/** Days of outflow dates read per slice (with 2 × window around it). */
const SLICE_DAYS = 92;

export interface TransferMatchOutcome {
  from: string | null;
  to: string | null;
  /** Rows read (each slice's, summed). */
  scanned: number;
  linked: number;
  /** The job's own pairs undone because an edit broke them. */
  unlinked: number;
}

const day = (text: string) => new Date(`${text}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (text: string, days: number) => iso(new Date(day(text).getTime() + days * 86_400_000));

export async function matchUserTransfers(userId: string, range: { from: string; to: string }): Promise<TransferMatchOutcome> {
  const window = TRANSFER_WINDOW_DAYS;
  const bounds = await db().$queryRaw<{ min: Date | null; max: Date | null }[]>`
    SELECT MIN(date) AS min, MAX(date) AS max FROM "Transaction"
     WHERE "userId" = ${userId} AND date BETWEEN ${day(range.from)}::date - ${window}::int AND ${day(range.to)}::date + ${window}::int`;
  const { min, max } = bounds[0] ?? { min: null, max: null };
  if (!min || !max) return { from: null, to: null, scanned: 0, linked: 0, unlinked: 0 };
  // The outflow dates that may pair with a changed row, clamped to the rows that exist.
  const from = iso(min) > addDays(range.from, -window) ? iso(min) : addDays(range.from, -window);
  const to = iso(max) < addDays(range.to, window) ? iso(max) : addDays(range.to, window);

  const accounts = await db().financialAccount.findMany({ where: { userId }, select: { id: true, name: true, number: true, currency: true } });
  const unlinked = await unlinkBrokenPairs(userId, from, to, accounts);
  const dismissed = await dismissedPairs(userId, addDays(from, -2 * window), addDays(to, 2 * window));

  const pairs: TransferPair[] = [];
  const rowsById = new Map<string, TransferCandidate>();
  const taken = new Set<string>();
  let scanned = 0;
  for (let start = from; start <= to; start = addDays(start, SLICE_DAYS)) {
    const end = addDays(start, SLICE_DAYS - 1) < to ? addDays(start, SLICE_DAYS - 1) : to;
    const rows = (await loadFreeRows(userId, addDays(start, -2 * window), addDays(end, 2 * window))).filter((r) => !taken.has(r.id));
    scanned += rows.length;
    for (const r of rows) rowsById.set(r.id, r);
    for (const pair of matchTransfers(rows, accounts, { windowDays: window, dismissed })) {
      const outDate = rowsById.get(pair.outflowId)!.date;
      // Each outflow date belongs to one slice; the rest of this slice's pairs are the next one's.
      if (outDate < start || outDate > end) continue;
      pairs.push(pair);
      taken.add(pair.outflowId);
      taken.add(pair.inflowId);
    }
  }
  const linked = pairs.length ? await writePairs(userId, pairs, rowsById) : 0;
  return { from, to, scanned, linked, unlinked };
}

async function loadFreeRows(userId: string, from: string, to: string): Promise<TransferCandidate[]> {
  const rows = await db().$queryRaw<{ id: string; accountId: string; date: Date; amountMinor: bigint; description: string; payee: string | null }[]>`
    SELECT id, "accountId", date, "amountMinor", description, payee
      FROM "Transaction"
     WHERE "userId" = ${userId} AND date BETWEEN ${day(from)} AND ${day(to)}
       AND "transferPeerId" IS NULL AND "accountId" IS NOT NULL AND "amountMinor" <> 0
       AND NOT EXISTS (SELECT 1 FROM "Transaction" p WHERE p."transferPeerId" = "Transaction".id)`;
  return rows.map((r) => ({ ...r, date: iso(r.date) }));
}

async function dismissedPairs(userId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await db().$queryRaw<{ lowId: string; highId: string }[]>`
    SELECT d."lowId", d."highId"
      FROM "TransferDecision" d JOIN "Transaction" t ON t.id = d."lowId"
     WHERE d."userId" = ${userId} AND d.kind = 'unlinked' AND t.date BETWEEN ${day(from)} AND ${day(to)}`;
  return new Set(rows.map((r) => pairKey(r.lowId, r.highId)));
}

/** Undoes the job's pairs in the range that no longer hold; returns how many pairs. */
async function unlinkBrokenPairs(userId: string, from: string, to: string, accounts: TransferAccount[]): Promise<number> {
  const currency = new Map(accounts.map((a) => [a.id, a.currency]));
  const pairs = await db().$queryRaw<{ aId: string; bId: string; aAccount: string | null; bAccount: string | null; aAmount: bigint; bAmount: bigint; gap: number; back: string | null }[]>`
    SELECT a.id AS "aId", b.id AS "bId", a."accountId" AS "aAccount", b."accountId" AS "bAccount",
           a."amountMinor" AS "aAmount", b."amountMinor" AS "bAmount", abs(a.date - b.date)::int AS gap, b."transferPeerId" AS back
      FROM "Transaction" a JOIN "Transaction" b ON b.id = a."transferPeerId"
     WHERE a."userId" = ${userId} AND a.date BETWEEN ${day(from)} AND ${day(to)}
       AND NOT EXISTS (SELECT 1 FROM "TransferDecision" d
                        WHERE d."lowId" = LEAST(a.id, b.id) AND d."highId" = GREATEST(a.id, b.id) AND d.kind = 'linked')`;
  const broken = pairs.filter(
    (p) =>
      p.back !== p.aId ||
      p.aAccount === null ||
      p.aAccount === p.bAccount ||
      p.aAmount !== -p.bAmount ||
      p.gap > TRANSFER_WINDOW_DAYS ||
      currency.get(p.aAccount) !== currency.get(p.bAccount ?? ""),
  );
  if (broken.length === 0) return 0;
  const ids = [...new Set(broken.flatMap((p) => [p.aId, p.bId]))];
  const followUps = await db().$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "Transaction" SET "transferPeerId" = NULL, "updatedAt" = now() WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])`;
    return recordTransactionChange(tx, userId, { budgets: "all", transfers: "none" });
  });
  await dispatchTransactionFollowUps(followUps);
  return new Set(broken.map((p) => pairKey(p.aId, p.bId))).size;
}

/** Writes the pairs whose rows are still free and unchanged, with the data-version bump; returns how many. */
async function writePairs(userId: string, pairs: TransferPair[], rowsById: Map<string, TransferCandidate>): Promise<number> {
  const ids = pairs.flatMap((p) => [p.outflowId, p.inflowId]).sort();
  const { written, followUps } = await db().$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ id: string; accountId: string | null; amountMinor: bigint; free: boolean }[]>`
      SELECT id, "accountId", "amountMinor",
             ("transferPeerId" IS NULL AND NOT EXISTS (SELECT 1 FROM "Transaction" p WHERE p."transferPeerId" = t.id)) AS free
        FROM "Transaction" t WHERE "userId" = ${userId} AND id = ANY(${ids}::text[])
       ORDER BY id FOR UPDATE`;
    const now = new Map(current.map((r) => [r.id, r]));
    const dismissed = await tx.$queryRaw<{ lowId: string; highId: string }[]>`
      SELECT "lowId", "highId" FROM "TransferDecision" WHERE "userId" = ${userId} AND kind = 'unlinked' AND "lowId" = ANY(${ids}::text[])`;
    const dismissedKeys = new Set(dismissed.map((d) => pairKey(d.lowId, d.highId)));
    const unchanged = (id: string) => {
      const row = now.get(id);
      const read = rowsById.get(id)!;
      return !!row && row.free && row.accountId === read.accountId && row.amountMinor === read.amountMinor;
    };
    const ok = pairs.filter((p) => unchanged(p.outflowId) && unchanged(p.inflowId) && !dismissedKeys.has(pairKey(p.outflowId, p.inflowId)));
    if (ok.length === 0) return { written: 0, followUps: null };
    const rowIds = ok.flatMap((p) => [p.outflowId, p.inflowId]);
    const peerIds = ok.flatMap((p) => [p.inflowId, p.outflowId]);
    await tx.$executeRaw(Prisma.sql`
      UPDATE "Transaction" t SET "transferPeerId" = v.peer, "updatedAt" = now()
        FROM unnest(${rowIds}::text[], ${peerIds}::text[]) AS v(id, peer)
       WHERE t.id = v.id AND t."userId" = ${userId}`);
    return { written: ok.length, followUps: await recordTransactionChange(tx, userId, { budgets: "all", transfers: "none" }) };
  });
  await dispatchTransactionFollowUps(followUps);
  return written;
}
