/**
 * Deterministic demo data: about six months of one person's bank transactions, ending today.
 * Pure: the same seed and end date always give the same rows (seeded PRNG, no clock reads
 * unless `today` is left out). Amounts are integer cents as bigint; negative is money out.
 */

import { seededRng, type Rng } from "../lib/random";

export interface DemoTransaction {
  /** Calendar date, "YYYY-MM-DD". */
  date: string;
  /** Raw bank-statement style description. */
  description: string;
  /** Minor units (cents); negative is money out. */
  amountMinor: bigint;
  /** One of DEMO_CATEGORIES. */
  category: string;
}

export const DEMO_CATEGORIES = [
  "Income",
  "Housing",
  "Utilities",
  "Phone & Internet",
  "Subscriptions",
  "Groceries",
  "Coffee",
  "Dining",
  "Transport",
  "Shopping",
  "Health & Fitness",
  "Insurance",
  "Entertainment",
  "Travel",
  "Cash",
] as const;

export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

export interface DemoTransactionOptions {
  /** The last day of the data: a Date (its local calendar date is used) or "YYYY-MM-DD". Default: now. */
  today?: Date | string;
  /** PRNG seed. Default 42. */
  seed?: number;
  /** How many months back the data starts. Default 6. */
  months?: number;
}

/** Generates the rows, sorted by date (oldest first). */
export function generateDemoTransactions(options: DemoTransactionOptions = {}): DemoTransaction[] {
  const end = toDay(options.today ?? new Date());
  const months = options.months ?? 6;
  const start = addMonths(end, -months) + 1; // day numbers: (start, end] spans exactly `months` months
  const rng = seededRng(options.seed ?? 42);
  const rows: Row[] = [];
  const emit = (day: number, description: string, cents: number, category: DemoCategory) => {
    if (day < start || day > end) return;
    rows.push({ day, description, cents: Math.round(cents), category, seq: rows.length });
  };

  // ---- Monthly, on fixed days ----------------------------------------------------------
  const firstMonth = monthOf(start);
  const lastMonth = monthOf(end);
  for (let m = firstMonth; m <= lastMonth; m++) {
    const { y, mo } = fromMonthIndex(m);
    const on = (d: number) => dayNumber(y, mo, Math.min(d, daysInMonth(y, mo)));

    // Two paychecks: the 1st and the 15th, moved back to Friday when on a weekend.
    for (const d of [1, 15]) {
      emit(previousWeekday(on(d)), `ACME CORP PAYROLL PPD ID: 4412087703`, 2_684_17, "Income");
    }
    emit(on(1), "PARKSIDE PROPERTY MGMT ACH WEB RENT", -2_150_00, "Housing");
    // Electricity/gas: more in winter months.
    const winter = [0, 1, 10, 11].includes(mo - 1) ? 1 : 0;
    emit(on(12), "PG&E WEB ONLINE PAYMENT 800-743-5000", -between(rng, 78_00 + winter * 50_00, 118_00 + winter * 70_00), "Utilities");
    if (m % 2 === 0) emit(on(19), "EBMUD WATER BILL PAY 866-403-2683", -between(rng, 96_00, 138_00), "Utilities");
    emit(on(18), "VERIZON WIRELESS PAYMENTS 800-922-0204", -85_00 - (mo === 5 ? 12_40 : 0), "Phone & Internet");
    emit(on(22), "COMCAST XFINITY 800-266-2278 CA", -79_99, "Phone & Internet");
    emit(on(3), "SPOTIFY USA 877-778-1161 NY", -11_99, "Subscriptions");
    emit(on(7), "NETFLIX.COM 866-579-7172 CA", -15_49, "Subscriptions");
    emit(on(20), "HULU 877-8244858 HULU.COM CA", -17_99, "Subscriptions");
    emit(on(25), "APPLE.COM/BILL 866-712-7753 CA", -2_99, "Subscriptions");
    emit(on(17), "PLANET FITNESS CLUB FEES 844-880-7180", -24_99, "Health & Fitness");
    emit(on(10), "GEICO *AUTO 800-841-3000 DC", -138_40, "Insurance");
    emit(on(daysInMonth(y, mo)), "INTEREST PAYMENT", between(rng, 1_05, 3_80), "Income");
  }

  // ---- Day by day ----------------------------------------------------------------------
  const amazonOrders: Row[] = [];
  for (let day = start; day <= end; day++) {
    const weekday = weekdayOf(day); // 0 Sunday .. 6 Saturday
    const weekend = weekday === 0 || weekday === 6;

    // Groceries: a few times a week, a bigger warehouse run now and then.
    if (rng() < (weekend ? 0.45 : 0.22)) {
      const store = pick(rng, GROCERS);
      emit(day, store, -skewed(rng, 14_00, 165_00), "Groceries");
    }
    if (weekday === 6 && rng() < 0.2) emit(day, "COSTCO WHSE #0144 RICHMOND CA", -between(rng, 118_00, 286_00), "Groceries");

    // Coffee, mostly on workdays.
    if (rng() < (weekend ? 0.25 : 0.42)) emit(day, pick(rng, COFFEE), -between(rng, 4_25, 8_40), "Coffee");

    // Eating out: more on Fridays and weekends.
    if (rng() < (weekday === 5 || weekend ? 0.38 : 0.16)) {
      const [desc, lo, hi] = pick(rng, RESTAURANTS);
      emit(day, desc, -skewed(rng, lo, hi), "Dining");
    }

    // Fuel about weekly, rides and transit now and then.
    if (rng() < 0.13) emit(day, pick(rng, FUEL), -between(rng, 38_00, 68_00), "Transport");
    if (rng() < 0.06) emit(day, "UBER   *TRIP HELP.UBER.COM CA", -between(rng, 11_50, 38_75), "Transport");
    if (!weekend && rng() < 0.08) emit(day, "CLIPPER SERVICE CONCORD CA", -pick(rng, [20_00, 40_00]), "Transport");
    if (rng() < 0.04) emit(day, "CITY OF OAKLAND PARKING", -between(rng, 2_50, 9_00), "Transport");

    // Shopping: Amazon orders (each with its own order code), stores, pharmacy.
    if (rng() < 0.12) {
      const description = `AMZN Mktp US*${orderCode(rng)}`;
      const cents = -skewed(rng, 8_99, 129_00);
      emit(day, description, cents, "Shopping");
      amazonOrders.push({ day, description, cents, category: "Shopping", seq: 0 });
    }
    if (rng() < 0.05) emit(day, "TARGET        00027861 EMERYVILLE CA", -skewed(rng, 12_00, 96_00), "Shopping");
    if (rng() < 0.04) emit(day, "CVS/PHARMACY #09876 OAKLAND CA", -between(rng, 6_50, 42_00), "Health & Fitness");

    // Entertainment and cash, occasionally.
    if (weekend && rng() < 0.08) emit(day, pick(rng, ENTERTAINMENT), -between(rng, 16_00, 74_00), "Entertainment");
    if (rng() < 0.025) emit(day, "ATM WITHDRAWAL 001234 4100 BROADWAY OAKLAND CA", -pick(rng, [40_00, 60_00, 100_00]), "Cash");
  }

  // ---- A few big purchases, spread over the period -------------------------------------
  const span = end - start;
  const bigOnes = shuffle(rng, [...BIG_PURCHASES]).slice(0, 3);
  bigOnes.forEach(([description, cents, category], i) => {
    const day = start + Math.floor(((i + 0.2 + rng() * 0.6) / bigOnes.length) * span);
    emit(day, description, -cents, category);
  });

  // ---- A refund or two: Amazon returns, same description and amount, money back -------
  const refundable = amazonOrders.filter((o) => o.cents <= -25_00 && o.day + 12 <= end);
  for (const order of shuffle(rng, refundable).slice(0, 2)) {
    emit(order.day + 4 + Math.floor(rng() * 8), order.description, -order.cents, "Shopping");
  }

  rows.sort((a, b) => a.day - b.day || a.seq - b.seq);
  return rows.map((r) => ({
    date: formatDay(r.day),
    description: r.description,
    amountMinor: BigInt(r.cents),
    category: r.category,
  }));
}

// ---------------------------------------------------------------------------------------
// Merchants

const GROCERS = [
  "TRADER JOE'S #128 OAKLAND CA",
  "TRADER JOE'S #128 OAKLAND CA",
  "SAFEWAY #1711 OAKLAND CA",
  "WHOLEFDS OAK 10234 OAKLAND CA",
  "BERKELEY BOWL WEST BERKELEY CA",
];

const COFFEE = [
  "SQ *BLUE BOTTLE #123 OAKLAND",
  "STARBUCKS STORE 05821 OAKLAND CA",
  "PHILZ COFFEE #14 OAKLAND CA",
  "SQ *ROYAL GROUNDS COFFEE OAKLAND",
];

const RESTAURANTS: Array<[string, number, number]> = [
  ["DOORDASH*THAI HOUSE SAN FRANCISCO CA", 24_00, 58_00],
  ["UBER   *EATS HELP.UBER.COM CA", 19_00, 52_00],
  ["CHIPOTLE 2043 OAKLAND CA", 11_50, 24_00],
  ["TST* NIGHTINGALE OAKLAND CA", 38_00, 96_00],
  ["SWEETGREEN OAKLAND CA", 13_25, 19_90],
  ["SQ *TACOS MI RANCHO OAKLAND", 9_00, 22_00],
  ["PIZZAIOLO OAKLAND CA", 32_00, 88_00],
];

const FUEL = ["SHELL OIL 57442261005 OAKLAND CA", "CHEVRON 0207931 OAKLAND CA", "ARCO #42517 EMERYVILLE CA"];

const ENTERTAINMENT = [
  "AMC 2341 BAY STREET 16 EMERYVILLE",
  "TICKETMASTER *EVENTS 800-653-8000 CA",
  "STEAMGAMES.COM 4259522985 WA",
  "SQ *THE NEW PARKWAY THEA OAKLAND",
];

const BIG_PURCHASES: Array<[string, number, DemoCategory]> = [
  ["BEST BUY 00001834 EMERYVILLE CA", 899_99, "Shopping"],
  ["DELTA AIR 0062345678901 ATLANTA GA", 486_20, "Travel"],
  ["IKEA EAST PALO ALTO CA", 612_35, "Shopping"],
  ["MARRIOTT PORTLAND DWTN PORTLAND OR", 542_80, "Travel"],
  ["APPLE STORE #R014 SAN FRANCISCO CA", 1_099_00, "Shopping"],
  ["MIDAS #2214 AUTO SERVICE OAKLAND CA", 734_12, "Transport"],
];

// ---------------------------------------------------------------------------------------
// Randomness: seededRng (lib/random.ts), identical on every platform


/** Uniform integer cents in [lo, hi]. */
function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** Integer cents in [lo, hi], small amounts more likely than large ones. */
function skewed(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(Math.pow(rng(), 1.7) * (hi - lo + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function orderCode(rng: Rng): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  let code = "";
  for (let i = 0; i < 6; i++) code += alphabet[Math.floor(rng() * alphabet.length)];
  return code;
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, UTC): no time zones involved.

interface Row {
  day: number;
  description: string;
  cents: number;
  category: DemoCategory;
  seq: number;
}

const DAY_MS = 86_400_000;

function toDay(value: Date | string): number {
  if (typeof value === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) throw new Error(`Expected a "YYYY-MM-DD" date, got "${value}"`);
    return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  if (Number.isNaN(value.getTime())) throw new Error("Invalid date");
  // The local calendar date: "today" as the person at this machine sees it.
  return dayNumber(value.getFullYear(), value.getMonth() + 1, value.getDate());
}

/** Day number of y-mo-d (month 1..12). */
function dayNumber(y: number, mo: number, d: number): number {
  return Math.floor(Date.UTC(y, mo - 1, d) / DAY_MS);
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function previousWeekday(day: number): number {
  const wd = weekdayOf(day);
  return wd === 6 ? day - 1 : wd === 0 ? day - 2 : day;
}

function daysInMonth(y: number, mo: number): number {
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Months since year 0 (y * 12 + mo - 1). */
function monthOf(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function fromMonthIndex(m: number): { y: number; mo: number } {
  return { y: Math.floor(m / 12), mo: (m % 12) + 1 };
}

/** The same day-of-month `n` months later (clamped to the month's length). */
function addMonths(day: number, n: number): number {
  const d = new Date(day * DAY_MS);
  const { y, mo } = fromMonthIndex(d.getUTCFullYear() * 12 + d.getUTCMonth() + n);
  return dayNumber(y, mo, Math.min(d.getUTCDate(), daysInMonth(y, mo)));
}
