import type { CategoryKind, CountableRow } from "../countable";

// What the insight rules read and write. Pure data: the job loads transactions, the rules
// return drafts, lib/insights upserts them by dedupeKey.

export type InsightType = "spending_spike" | "category_creep" | "recurring_payment";
export type InsightSeverity = "info" | "warning" | "critical";

export interface InsightTransaction {
  /** "YYYY-MM-DD" */
  date: string;
  /** Minor units; negative is money out. */
  amountMinor: bigint;
  categoryId: string | null;
  /** The category's name ("Uncategorized" without one). */
  category: string;
  payee: string | null;
  description: string;
  /** The category's kind (default: expense when categorized); decides income vs spending. */
  categoryKind?: CategoryKind | null;
  /** Set when the row is one side of a transfer: it is left out. */
  transferPeerId?: string | null;
}

/** The transaction as the counting rule (lib/finance/countable.ts) sees it. */
export function countableOf(tx: InsightTransaction): CountableRow {
  return {
    amountMinor: tx.amountMinor,
    categoryKind: tx.categoryKind !== undefined ? tx.categoryKind : tx.categoryId ? "expense" : null,
    transferPeerId: tx.transferPeerId ?? null,
  };
}

export interface InsightDraft {
  type: InsightType;
  severity: InsightSeverity;
  title: string;
  body: string;
  /** The numbers behind it; money as decimal strings. */
  data: Record<string, unknown>;
  dedupeKey: string;
  expiresAt: Date;
}

export interface RuleContext {
  /** The last day the rules look at (day number; the run's previous day, a complete one). */
  asOf: number;
  /** The user's first transaction (day number): periods before it are not history. */
  firstDataDay: number;
  /** ISO 4217, for the words ("$1,234.56"). */
  currency: string;
}
