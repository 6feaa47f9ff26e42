// Which transactions count towards a budget. The processing job does the same in SQL
// (lib/budgets/process-budget.ts); this predicate decides which budgets a changed
// transaction could affect, and documents the rule:
//   - a category, when set, must be the transaction's;
//   - keywords / payees, when any are set: the description or payee contains a keyword, or
//     the payee is one of the payees (all case-insensitive);
//   - both, when both are set.

export interface MatchCriteria {
  categoryId: string | null;
  keywords: readonly string[];
  payees: readonly string[];
}

export interface MatchableTransaction {
  description: string;
  payee: string | null;
  categoryId: string | null;
}

export function hasCriteria(c: MatchCriteria): boolean {
  return c.categoryId !== null || c.keywords.length > 0 || c.payees.length > 0;
}

export function matchesBudget(c: MatchCriteria, t: MatchableTransaction): boolean {
  if (!hasCriteria(c)) return false;
  if (c.categoryId !== null && t.categoryId !== c.categoryId) return false;
  if (c.keywords.length === 0 && c.payees.length === 0) return true;
  const description = t.description.toLowerCase();
  const payee = t.payee?.toLowerCase() ?? null;
  const keywordHit = c.keywords.some((k) => {
    const needle = k.toLowerCase();
    return description.includes(needle) || (payee !== null && payee.includes(needle));
  });
  return keywordHit || (payee !== null && c.payees.some((p) => p.toLowerCase() === payee));
}

/** A keyword as an ILIKE pattern ("50%_off" → "%50\%\_off%"), so it matches literally. */
export function containsPattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Trims, drops empties and case-insensitive duplicates, keeping the first spelling. */
export function normalizeTerms(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const term = raw.trim();
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    out.push(term);
  }
  return out;
}
