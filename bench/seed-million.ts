import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import bcrypt from "bcryptjs";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// The P6 user (issue 14): 1,000,000 transactions over ten years in 5 accounts and 40
// categories, written with COPY. Merchants repeat as they do in a real account (a few hundred
// of them, store numbers and card suffixes in the description), 1 row in 50 has a note, the
// classifier left 1 in 200 for review, and a monthly savings transfer is a matched pair.

export const BENCH_EMAIL = "bench-pages@example.test";
export const BENCH_PASSWORD = "bench-pages-1234";

const ACCOUNTS = [
  ["Checking", "checking"],
  ["Savings", "savings"],
  ["Credit card", "credit_card"],
  ["Travel card", "credit_card"],
  ["Cash", "cash"],
] as const;

const CATEGORY_NAMES = [
  "Groceries", "Restaurants", "Coffee", "Fuel", "Public transport", "Taxi", "Parking", "Car maintenance",
  "Rent", "Utilities", "Internet", "Phone", "Insurance", "Health", "Pharmacy", "Fitness",
  "Clothing", "Electronics", "Home", "Garden", "Books", "Music", "Streaming", "Games",
  "Travel", "Hotels", "Flights", "Gifts", "Charity", "Education", "Childcare", "Pets",
  "Beauty", "Fees", "Taxes", "Subscriptions", "Entertainment", "Shopping",
] as const; // 38 expense categories + Salary (income) + Transfers (transfer) = 40

const MERCHANT_WORDS = [
  "Whole Foods", "Trader Joe's", "Safeway", "Kroger", "Aldi", "Lidl", "Costco", "Target", "Walmart", "Starbucks",
  "Blue Bottle", "Peet's", "Shell", "Chevron", "BP", "Exxon", "Uber", "Lyft", "Amazon", "Apple",
  "Netflix", "Spotify", "Hulu", "Steam", "Nintendo", "IKEA", "Home Depot", "Lowe's", "Best Buy", "REI",
  "H&M", "Zara", "Uniqlo", "Nike", "Adidas", "CVS", "Walgreens", "Planet Fitness", "Equinox", "Delta",
  "United", "Marriott", "Hilton", "Airbnb", "Chipotle", "Sweetgreen", "McDonald's", "Subway", "Domino's", "Pizza Hut",
];

function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvText = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface SeededUser {
  userId: string;
  email: string;
  password: string;
  accountIds: string[];
  categoryIds: Map<string, string>;
  rows: number;
  firstDay: string;
  lastDay: string;
}

/** Seeds the user into the schema of `client` (search_path set). About a minute for 1,000,000 rows here. */
export async function seedMillionUser(client: pg.Client, options: { rows?: number; today?: Date; log?: (m: string) => void } = {}): Promise<SeededUser> {
  const rows = options.rows ?? 1_000_000;
  const log = options.log ?? (() => {});
  const today = options.today ?? new Date();
  const lastDay = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  const DAYS = 3652;
  const firstDay = new Date(lastDay.getTime() - (DAYS - 1) * 86_400_000);
  const userId = `benchuser${randomBytes(4).toString("hex")}`;
  const hash = await bcrypt.hash(BENCH_PASSWORD, 10);
  await client.query(`DELETE FROM "User" WHERE email = $1`, [BENCH_EMAIL]);
  await client.query(`INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt", "dataVersion", "dataChangedAt") VALUES ($1, $2, 'Bench', $3, now(), 1, now())`, [userId, BENCH_EMAIL, hash]);
  const accountIds: string[] = [];
  for (const [i, [name, type]] of ACCOUNTS.entries()) {
    const id = `${userId}a${i}`;
    accountIds.push(id);
    await client.query(`INSERT INTO "FinancialAccount" (id, "userId", name, type, currency, "updatedAt") VALUES ($1, $2, $3, $4::"AccountType", 'USD', now())`, [id, userId, name, type]);
  }
  const categoryIds = new Map<string, string>();
  const allCategories: [string, string][] = [...CATEGORY_NAMES.map((n) => [n, "expense"] as [string, string]), ["Salary", "income"], ["Transfers", "transfer"]];
  for (const [i, [name, kind]] of allCategories.entries()) {
    const id = `${userId}c${i}`;
    categoryIds.set(name, id);
    await client.query(`INSERT INTO "Category" (id, "userId", name, kind) VALUES ($1, $2, $3, $4::"CategoryKind")`, [id, userId, name, kind]);
  }

  const random = mulberry32(14);
  const expenseIds = CATEGORY_NAMES.map((n) => categoryIds.get(n)!);
  const salary = categoryIds.get("Salary")!;
  const transfers = categoryIds.get("Transfers")!;
  const merchants = Array.from({ length: 400 }, (_, i) => `${MERCHANT_WORDS[i % MERCHANT_WORDS.length]}${i >= MERCHANT_WORDS.length ? ` ${["Market", "Express", "Online", "Store", "Station", "Outlet", "Plaza"][i % 7]}` : ""}`);
  const merchantCategory = merchants.map(() => expenseIds[Math.floor(random() * expenseIds.length)]);
  const day = (i: number) => new Date(firstDay.getTime() + i * 86_400_000).toISOString().slice(0, 10);
  const now = new Date().toISOString();

  let i = 0;
  const pairs: [string, string][] = [];
  function* lines(): Generator<string> {
    const batch: string[] = [];
    while (i < rows) {
      const n = i++;
      const id = `${userId}t${n.toString(36)}`;
      const d = day(Math.floor((n / rows) * DAYS));
      let description: string;
      let payee = "";
      let amount: number;
      let category: string = "";
      let account = accountIds[n % 3 === 0 ? 2 : n % 7 === 0 ? 3 : n % 11 === 0 ? 4 : 0];
      let notes = "";
      if (n % 500 === 0) {
        description = "ACME Corp payroll";
        payee = "ACME Corp";
        amount = 350000 + Math.floor(random() * 50000);
        category = salary;
        account = accountIds[0];
      } else if (n % 1000 === 1 && i < rows) {
        // A matched transfer: checking → savings, the next row is its other side.
        const other = `${userId}t${(n + 1).toString(36)}`;
        description = "Transfer to savings";
        amount = -50000;
        category = transfers;
        account = accountIds[0];
        pairs.push([id, other]);
      } else if (n % 1000 === 2) {
        description = "Transfer from checking";
        amount = 50000;
        category = transfers;
        account = accountIds[1];
      } else {
        const m = Math.floor(random() ** 1.6 * merchants.length);
        payee = merchants[m];
        description = `${payee.toUpperCase()} #${1000 + Math.floor(random() * 9000)} CARD ${String(Math.floor(random() * 10000)).padStart(4, "0")}`;
        amount = -(100 + Math.floor(random() * 20000));
        if (random() < 0.02) amount = -amount; // refunds
        category = random() < 0.05 ? "" : merchantCategory[m];
        if (random() < 0.02) notes = ["split with Sam", "reimbursable", "birthday present for Anna", "work trip", "returned later"][Math.floor(random() * 5)];
      }
      const review = category === "" && random() < 0.1;
      batch.push(
        [
          id, userId, d, csvText(description), payee ? csvText(payee) : "", notes ? csvText(notes) : "", String(amount), category,
          review ? "t" : "f", review ? "Groceries" : "", account, now, now,
        ].join(","),
      );
      if (batch.length === 10_000) {
        yield batch.join("\n") + "\n";
        batch.length = 0;
      }
    }
    if (batch.length) yield batch.join("\n") + "\n";
  }

  const started = Date.now();
  // The peers are set after the COPY: transferPeerId is unique and references rows not yet in.
  const copy = client.query(
    copyFrom(`COPY "Transaction" (id, "userId", date, description, payee, notes, "amountMinor", "categoryId", "needsReview", "suggestedCategory", "accountId", "createdAt", "updatedAt") FROM STDIN WITH (FORMAT csv)`),
  );
  await pipeline(Readable.from(lines()), copy);
  log(`[seed] ${rows.toLocaleString("en-US")} rows copied in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await client.query(
    `UPDATE "Transaction" t SET "transferPeerId" = p.peer FROM (SELECT unnest($1::text[]) AS a, unnest($2::text[]) AS peer) p WHERE t.id = p.a`,
    [pairs.flatMap(([a, b]) => [a, b]), pairs.flatMap(([a, b]) => [b, a])],
  );
  await client.query(`ANALYZE "Transaction"`);
  log(`[seed] ${pairs.length} transfer pairs linked, analyzed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { userId, email: BENCH_EMAIL, password: BENCH_PASSWORD, accountIds, categoryIds, rows, firstDay: day(0), lastDay: day(DAYS - 1) };
}
