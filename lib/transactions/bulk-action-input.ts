import { z } from "zod";
import { listQuerySchema, type ListFilter } from "./list-query";

// POST /api/transactions/bulk's body (issue 14): an action, its target, and a selection that is
// either chosen rows ({ ids }) or everything the list's filter matches ({ filter }, the list's
// own query names and values). No server imports: the browser builds the same shape.

export const BULK_ACTIONS = ["set-category", "set-account", "delete", "mark-reviewed"] as const;
export type BulkActionKind = (typeof BULK_ACTIONS)[number];

/** Chosen rows in one request; more is a filter's job. */
export const MAX_BULK_IDS = 10_000;

/** The list's filter names a bulk selection may use (not its sort or paging). */
export const BULK_FILTER_KEYS = ["q", "accountId", "category", "uncategorized", "review", "transfer", "from", "to", "min", "max"] as const;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const idSchema = z.string().trim().regex(ID, "Not a valid id");

const filterValue = z.union([z.string().max(200, "At most 200 characters"), z.number(), z.boolean()]).transform((v) =>
  typeof v === "boolean" ? (v ? "1" : "0") : String(v),
);

export const bulkActionSchema = z
  .object({
    action: z.enum(BULK_ACTIONS, { message: "Use set-category, set-account, delete or mark-reviewed" }),
    /** set-category: the user's category id, or null for "no category". */
    categoryId: idSchema.nullable().optional(),
    /** set-account: the user's account id. */
    accountId: idSchema.optional(),
    selection: z
      .object({
        ids: z
          .array(idSchema)
          .min(1, "Choose at least one transaction")
          .max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS.toLocaleString("en-US")} chosen rows; use a filter for more`)
          .optional(),
        filter: z.record(z.string(), filterValue).optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const { ids, filter } = v.selection;
    if ((ids === undefined) === (filter === undefined)) {
      ctx.addIssue({ code: "custom", path: ["selection"], message: "Give either ids (chosen rows) or filter (everything matching), not both" });
    }
    if (filter) {
      for (const key of Object.keys(filter)) {
        if (!(BULK_FILTER_KEYS as readonly string[]).includes(key)) {
          ctx.addIssue({ code: "custom", path: ["selection", "filter", key], message: `Not a filter of the list (use ${BULK_FILTER_KEYS.join(", ")})` });
        }
      }
      const parsed = listQuerySchema.safeParse(filter);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: "custom", path: ["selection", "filter", ...issue.path.map(String)], message: issue.message });
        }
      }
    }
    if (v.action === "set-category" && v.categoryId === undefined) {
      ctx.addIssue({ code: "custom", path: ["categoryId"], message: "Choose the category to set (null for none)" });
    }
    if (v.action !== "set-category" && v.categoryId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["categoryId"], message: "categoryId goes only with set-category" });
    }
    if (v.action === "set-account" && v.accountId === undefined) {
      ctx.addIssue({ code: "custom", path: ["accountId"], message: "Choose the account to move the rows to" });
    }
    if (v.action !== "set-account" && v.accountId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["accountId"], message: "accountId goes only with set-account" });
    }
  });

export type BulkActionInput = z.input<typeof bulkActionSchema>;
export type BulkActionRequest = z.output<typeof bulkActionSchema>;

/** A stored selection: chosen ids, or the filter's text values (parsed again when run). */
export type StoredSelection = { ids: string[] } | { filter: Record<string, string> };

/** The filter of a stored selection, parsed as the list parses it. */
export function parseStoredFilter(filter: Record<string, string>): ListFilter {
  const { sort: _sort, limit: _limit, cursor: _cursor, ...rest } = listQuerySchema.parse(filter);
  return rest;
}
