import { z } from "zod";
import { amountSchema, dateSchema } from "./transaction-schemas";

// The transactions list's filter, as the URL and GET /api/transactions spell it (issue 14):
// q, accountId, category, uncategorized=1, review=1, transfer=0|1, from, to, min, max,
// sort=date|-date|amount|-amount, limit, cursor. Empty values (`?q=&from=`) mean "no filter",
// so a form can send every field. Shared by the route, the page and the browser (no server imports).

export const LIST_SORTS = ["-date", "date", "-amount", "amount"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const DEFAULT_SORT: ListSort = "-date";

/** Search text is matched as a substring; longer than this is not a search a person types. */
export const MAX_SEARCH_LENGTH = 100;
/**
 * The trigram index serves patterns of 3 characters or more; a shorter one that matches
 * nothing read all 1,000,000 rows of the bench user (3 s), so it is refused in words.
 */
export const MIN_SEARCH_LENGTH = 3;

const ID = /^[A-Za-z0-9_-]{1,64}$/;

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsMissing, schema.optional());

const idSchema = z.string().trim().regex(ID, "Not a valid id");
const flagSchema = z.enum(["0", "1"], { message: 'Use 1 or 0' }).transform((v) => v === "1");

export const listQuerySchema = z
  .object({
    q: optional(
      z
        .string()
        .trim()
        .min(MIN_SEARCH_LENGTH, `Type at least ${MIN_SEARCH_LENGTH} characters to search`)
        .max(MAX_SEARCH_LENGTH, `Search for at most ${MAX_SEARCH_LENGTH} characters`)
        .refine((v) => !v.includes("\u0000"), "The search contains a NUL character"),
    ),
    accountId: optional(idSchema),
    category: optional(idSchema),
    uncategorized: optional(flagSchema),
    review: optional(flagSchema),
    transfer: optional(flagSchema),
    from: optional(dateSchema),
    to: optional(dateSchema),
    min: optional(amountSchema),
    max: optional(amountSchema),
    sort: z.preprocess(blankAsMissing, z.enum(LIST_SORTS, { message: "Sort by date, -date, amount or -amount" }).default(DEFAULT_SORT)),
    limit: z.preprocess(blankAsMissing, z.coerce.number({ message: "A whole number from 1 to 200" }).int("A whole number from 1 to 200").min(1).max(200).default(50)),
    cursor: optional(z.string().max(300, "Invalid cursor: ask for the first page again")),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
    if (v.min !== undefined && v.max !== undefined && v.min > v.max) ctx.addIssue({ code: "custom", path: ["max"], message: "The maximum is below the minimum" });
    if (v.category && v.uncategorized === true) ctx.addIssue({ code: "custom", path: ["uncategorized"], message: "A category and “uncategorized” exclude each other" });
    if (v.cursor && decodeListCursor(v.cursor, v.sort) === null) ctx.addIssue({ code: "custom", path: ["cursor"], message: "Invalid cursor: ask for the first page again" });
  });

export type ListQueryInput = z.input<typeof listQuerySchema>;
export type ListQuery = z.output<typeof listQuerySchema>;

/** The filter without paging: what "N matches" counts and what a bulk action on "everything matching" covers. */
export type ListFilter = Omit<ListQuery, "sort" | "limit" | "cursor">;

// A keyset cursor: the sort it belongs to, the last row's sort key (a day or an amount in
// minor units) and its id (ties are broken by id, so the order is total and no row is skipped
// or repeated between pages). It names its sort: a cursor from another sort is refused.

export interface ListCursor {
  sort: ListSort;
  /** A YYYY-MM-DD day for date sorts, minor units for amount sorts. */
  key: string;
  id: string;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function encodeListCursor(cursor: ListCursor): string {
  return toBase64Url(`${cursor.sort}|${cursor.key}|${cursor.id}`);
}

const MAX_MINOR = 10n ** 18n;

/** The cursor, or null when it is not one this sort wrote (tampered, truncated, another sort's). */
export function decodeListCursor(text: string, sort: ListSort): ListCursor | null {
  const decoded = fromBase64Url(text);
  if (decoded === null) return null;
  const parts = decoded.split("|");
  if (parts.length !== 3) return null;
  const [cursorSort, key, id] = parts;
  if (cursorSort !== sort || !ID.test(id)) return null;
  if (sort === "date" || sort === "-date") {
    if (!dateSchema.safeParse(key).success) return null;
  } else {
    if (!/^-?\d{1,19}$/.test(key)) return null;
    const n = BigInt(key);
    if (n >= MAX_MINOR || n <= -MAX_MINOR) return null;
  }
  return { sort, key, id };
}

/** The query string for a filter (defaults and blanks left out), for links and fetches. */
export function listSearchParams(filter: Partial<Record<keyof ListQueryInput, string | undefined | null>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === "") continue;
    if (name === "sort" && value === DEFAULT_SORT) continue;
    params.set(name, value);
  }
  return params;
}
