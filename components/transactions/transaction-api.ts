import type { TransactionView } from "@/lib/transactions/transactions";

// Browser-side calls to the transactions API, with the error shapes the routes return:
// 422 { fields: { name: [messages] } }, 404, 401 (the caller sends the user to /login),
// anything else as a message.

/** Rows per request for the table. */
export const PAGE_SIZE = 25;

export type Transaction = Pick<TransactionView, "id" | "date" | "description" | "amount" | "category"> & {
  /** The account it belongs to (every transaction has one; optional for lists built before accounts). */
  accountId?: string | null;
  accountName?: string | null;
  /** The account's currency: `amount` has its decimals (JPY 0, BHD 3). */
  currency?: string | null;
  // Set by categorization (payee clean-up, rules, classification). Optional: a list built
  // before those existed has none of them.
  /** The cleaned-up merchant name, shown under the description. */
  payee?: string | null;
  /** Who set the category ("user", "rule", …); null when there is none. */
  categorySource?: string | null;
  categoryConfidence?: number | null;
  /** The classifier was unsure: suggestedCategory awaits the user's word. */
  needsReview?: boolean;
  suggestedCategory?: string | null;
  /** Receipts attached (a receipt icon on the row). */
  receiptCount?: number;
  /** The other side when it is a transfer between the user's accounts. */
  transfer?: TransactionView["transfer"];
  /** The user's note. */
  notes?: string | null;
};

export interface TransactionPage {
  transactions: Transaction[];
  nextCursor: string | null;
  /** Matches of the filter, exact up to the API's cap (then totalIsCapped). */
  total: number;
  totalIsCapped?: boolean;
}

export type FieldErrors = Record<string, string[]>;

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fields?: FieldErrors };

export interface TransactionInput {
  date: string;
  description: string;
  /** Signed decimal string: "-12.34" is money out. */
  amount: string;
  category?: string | null;
  accountId?: string;
  notes?: string | null;
}

/**
 * A JSON request with the API's error shapes (422 fields, 429 and 409 messages) turned into
 * an ApiResult. A 204 answers `data: null`.
 */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  return call<T>(method, url, body);
}

async function call<T>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      cache: "no-store",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "We couldn't reach the server. Check your connection and try again." };
  }
  if (res.status === 401) return { ok: false, status: 401, message: "Your session has ended. Please sign in again." };
  const data = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return { ok: true, data: data as T };
  const err = (data ?? {}) as { message?: string; fields?: FieldErrors };
  return {
    ok: false,
    status: res.status,
    message: err.message ?? `Something went wrong (HTTP ${res.status}).`,
    fields: err.fields,
  };
}

/** A page of the transactions matching `filter` (the list's query string: q, accountId, sort, …). */
export function fetchTransactions(limit: number, cursor?: string | null, filter: string = "") {
  const qs = new URLSearchParams(filter);
  qs.set("limit", String(limit));
  if (cursor) qs.set("cursor", cursor);
  return call<TransactionPage>("GET", `/api/transactions?${qs}`);
}

export function postTransaction(input: TransactionInput) {
  return call<{ transaction: Transaction; jobId: string }>("POST", "/api/transactions", input);
}

export function patchTransaction(id: string, patch: Partial<TransactionInput>) {
  return call<{ transaction: Transaction; jobId: string }>("PATCH", `/api/transactions/${encodeURIComponent(id)}`, patch);
}

export function removeTransaction(id: string) {
  return call<{ id: string; jobId: string }>("DELETE", `/api/transactions/${encodeURIComponent(id)}`);
}

/** payee_lookup cleans up payee names; classification sets categories. */
export type CategorizeKind = "payee_lookup" | "classification";

export function postCategorize(kind: CategorizeKind, options: { transactionIds?: string[]; limit?: number } = {}) {
  return call<{ jobId: string }>("POST", "/api/jobs/categorize", { kind, ...options });
}

/** Newest first, as the API lists them: date desc, then id desc. */
export function compareTransactions(a: Transaction, b: Transaction): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Puts a new or edited transaction in its place in the loaded list. When more pages are
 * still to load and it sorts after the last loaded row, it is left out: "Load more" brings it.
 */
export function placeTransaction(list: Transaction[], t: Transaction, hasMore: boolean): Transaction[] {
  const rest = list.filter((x) => x.id !== t.id);
  const last = rest[rest.length - 1];
  if (hasMore && last && compareTransactions(t, last) > 0) return rest;
  const index = rest.findIndex((x) => compareTransactions(t, x) < 0);
  if (index === -1) return [...rest, t];
  return [...rest.slice(0, index), t, ...rest.slice(index)];
}

/** An account as the add and edit forms offer it. */
export interface AccountChoice {
  id: string;
  name: string;
}
