// The transactions list's filter as the URL spells it, shared by the page (a server
// component) and the filter bar (a client one); no "use client" here, so the page can call it.

/** The filter as the URL spells it (strings; blank means unset). */
export interface FilterValues {
  q: string;
  accountId: string;
  category: string;
  uncategorized: string;
  review: string;
  transfer: string;
  from: string;
  to: string;
  min: string;
  max: string;
  sort: string;
}

export const EMPTY_FILTER: FilterValues = { q: "", accountId: "", category: "", uncategorized: "", review: "", transfer: "", from: "", to: "", min: "", max: "", sort: "" };

export function filterFromParams(params: Record<string, string | string[] | undefined>): FilterValues {
  const out = { ...EMPTY_FILTER };
  for (const key of Object.keys(EMPTY_FILTER) as (keyof FilterValues)[]) {
    const v = params[key];
    out[key] = typeof v === "string" ? v : "";
  }
  return out;
}

/** How many filters (not the sort) are set. */
export function activeFilterCount(f: FilterValues): number {
  return (Object.keys(f) as (keyof FilterValues)[]).filter((k) => k !== "sort" && f[k] !== "").length;
}
