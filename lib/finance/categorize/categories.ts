// The standard category set the built-in dictionary speaks, and how to translate it into a
// user's own category names ("Eating out" → the user's "Dining").

export const STANDARD_CATEGORIES = [
  "Groceries",
  "Eating out",
  "Coffee",
  "Transport",
  "Fuel",
  "Shopping",
  "Housing",
  "Utilities",
  "Phone & Internet",
  "Subscriptions",
  "Health",
  "Insurance",
  "Travel",
  "Entertainment",
  "Income",
  "Transfers",
  "Fees",
  "Cash",
  "Education",
  "Gifts",
] as const;

export type StandardCategory = (typeof STANDARD_CATEGORIES)[number];

/**
 * For each standard category, names a user might use for the same thing (same confidence),
 * then broader categories to fall back to when the user has no such category (the
 * dictionary's confidence is scaled by FALLBACK_FACTOR). Compared case-insensitively.
 */
const CATEGORY_SYNONYMS: Record<StandardCategory, { same: string[]; broader: string[] }> = {
  Groceries: { same: ["Grocery", "Supermarket", "Groceries & Household", "Food & Groceries"], broader: ["Food", "Food & Drink", "Household"] },
  "Eating out": { same: ["Dining", "Dining out", "Restaurants", "Restaurant", "Takeaway", "Takeout", "Eating Out & Takeaway"], broader: ["Food & Drink", "Food"] },
  Coffee: { same: ["Coffee shops", "Coffee Shop", "Cafes", "Cafe"], broader: ["Eating out", "Dining", "Dining out", "Restaurants", "Food & Drink", "Food"] },
  Transport: { same: ["Transportation", "Auto & Transport", "Travel & Transport", "Getting around", "Car"], broader: ["Travel"] },
  Fuel: { same: ["Gas", "Petrol", "Gas & Fuel", "Fuel & Charging"], broader: ["Transport", "Transportation", "Auto & Transport", "Car"] },
  Shopping: { same: ["Shops", "General", "General merchandise", "Retail"], broader: ["Household", "Personal"] },
  Housing: { same: ["Rent", "Mortgage", "Home", "Rent & Mortgage", "Housing & Rent"], broader: ["Bills", "Bills & Utilities"] },
  Utilities: { same: ["Bills & Utilities", "Utility", "Energy", "Bills"], broader: ["Housing", "Home"] },
  "Phone & Internet": { same: ["Phone", "Internet", "Mobile", "Telecom", "Phone and Internet", "Internet & Phone"], broader: ["Utilities", "Bills & Utilities", "Bills"] },
  Subscriptions: { same: ["Subscription", "Streaming", "Memberships", "Digital services"], broader: ["Entertainment", "Bills"] },
  Health: { same: ["Health & Fitness", "Healthcare", "Medical", "Health & Wellness", "Pharmacy", "Fitness"], broader: ["Personal care", "Personal"] },
  Insurance: { same: ["Insurances"], broader: ["Bills", "Bills & Utilities"] },
  Travel: { same: ["Holidays", "Vacation", "Trips", "Travel & Holidays"], broader: ["Transport", "Transportation", "Entertainment"] },
  Entertainment: { same: ["Fun", "Leisure", "Going out", "Entertainment & Leisure", "Hobbies"], broader: ["Personal"] },
  Income: { same: ["Salary", "Paycheck", "Wages", "Pay", "Earnings"], broader: [] },
  Transfers: { same: ["Transfer", "Internal transfers", "Savings", "Payments"], broader: [] },
  Fees: { same: ["Bank fees", "Charges", "Fees & Charges", "Bank charges", "Fees & Interest"], broader: ["Bills"] },
  Cash: { same: ["ATM", "Cash withdrawal", "Cash & ATM", "Cash withdrawals"], broader: [] },
  Education: { same: ["School", "Tuition", "Learning", "Books & Education"], broader: ["Personal"] },
  Gifts: { same: ["Gifts & Donations", "Donations", "Charity", "Gifts & Charity"], broader: ["Personal", "Shopping"] },
};

/** How much a dictionary suggestion loses when it lands in a broader user category. */
export const FALLBACK_FACTOR = 0.85;

export interface CategoryResolver {
  /** The user's category for a standard one, with a confidence factor; null when none fits. */
  resolve(standard: StandardCategory): { category: string; factor: number } | null;
  /** The user's spelling of a name (case-insensitive, trimmed), or null when it is not theirs. */
  canonical(name: string): string | null;
}

/** Builds the translation for one user's categories (their names, as stored). */
export function createCategoryResolver(userCategories: readonly string[]): CategoryResolver {
  const byLower = new Map<string, string>();
  for (const name of userCategories) {
    const trimmed = name.trim();
    if (trimmed && !byLower.has(trimmed.toLowerCase())) byLower.set(trimmed.toLowerCase(), trimmed);
  }
  const cache = new Map<StandardCategory, { category: string; factor: number } | null>();
  return {
    canonical(name) {
      return byLower.get(name.trim().toLowerCase()) ?? null;
    },
    resolve(standard) {
      if (cache.has(standard)) return cache.get(standard)!;
      let found: { category: string; factor: number } | null = null;
      const { same, broader } = CATEGORY_SYNONYMS[standard];
      for (const candidate of [standard, ...same]) {
        const hit = byLower.get(candidate.toLowerCase());
        if (hit) {
          found = { category: hit, factor: 1 };
          break;
        }
      }
      if (!found) {
        for (const candidate of broader) {
          const hit = byLower.get(candidate.toLowerCase());
          if (hit) {
            found = { category: hit, factor: FALLBACK_FACTOR };
            break;
          }
        }
      }
      cache.set(standard, found);
      return found;
    },
  };
}

/**
 * The categories a categorize run may name for a user with these categories: theirs only
 * (the dictionary's categories are translated onto them, or dropped: "Fuel" for a user without
 * it becomes their "Transport", never a new category). A user with no category at all starts
 * from the standard set.
 */
export function categoriesForSuggestions(userCategories: readonly string[]): string[] {
  const own = [...new Set(userCategories.map((c) => c.trim()).filter(Boolean))];
  return own.length ? own : [...STANDARD_CATEGORIES];
}

export type CategoryKind = "expense" | "income" | "transfer";

const INCOME_NAMES = new Set(["income", "salary", "wages", "paycheck", "interest", "dividends"]);
const TRANSFER_NAMES = new Set(["transfers", "transfer", "internal transfers", "credit card payment"]);

/**
 * The kind a new category gets from its name (the user can change it): money in an expense
 * category is a refund, a transfer category is neither income nor spending. The same names as
 * the backfill in migration 20261207024705_category_kind_and_transfer_peer.
 */
export function categoryKindForName(name: string): CategoryKind {
  const key = name.trim().toLowerCase();
  if (INCOME_NAMES.has(key)) return "income";
  if (TRANSFER_NAMES.has(key)) return "transfer";
  return "expense";
}
