// bench/transfers: precision and recall of transfer matching on a generated year of one user's
// data with known pairs and decoys, run through the real transfer-matching job (worker, Bull,
// Postgres), and the job's time: the whole year, then one edit (which reads only its dates ± the window).
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     npm run bench:transfers [-- --seed 7 --noise 4]
//
// Accounts: Everyday Checking, High-Yield Savings, a Sapphire Visa card (USD) and a Euro account.
// True pairs: monthly card autopay, bi-weekly savings sweeps, savings → checking top-ups, web
// card payments, a few transfers whose descriptions carry a single hint. Decoys: salary equal to
// a top-up's amount, Zelle payments of the sweep's amount the same week, purchases of the card
// payment's amount that day, card refunds equal to a checking purchase, ATM cash equal to a
// mobile deposit, a friend's payment equal to a card purchase, a EUR deposit equal to a USD transfer, two sweeps of one amount in one week,
// and ties the matcher must leave alone. Goals: precision ≥ 0.98, recall ≥ 0.95.
// Works in a scratch schema and Bull prefix that it drops at the end.

import { performance } from "node:perf_hooks";
import { db } from "../lib/db";
import { QUEUE } from "../lib/jobs/job-names";
import { openScratchStack } from "./scratch-stack";
import { transferMatchingJob } from "../lib/jobs/transfer-matching";
import { seededRng } from "../lib/random";
import { updateTransaction } from "../lib/transactions/transactions";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const SEED = arg("seed", 7);
/** Purchases per day on checking and on the card. */
const NOISE = arg("noise", 4);
const YEAR = 2026;

const rand = seededRng(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

interface Row {
  id: string;
  account: "chk" | "sav" | "card" | "eur";
  day: number;
  amountMinor: bigint;
  description: string;
}

const rows: Row[] = [];
/** outflowId|inflowId of the true pairs. */
const truth = new Set<string>();
let seq = 0;
function add(account: Row["account"], day: number, amountMinor: number, description: string): Row {
  seq += 1;
  const row = { id: `bt${String(seq).padStart(6, "0")}`, account, day: Math.max(0, Math.min(364, day)), amountMinor: BigInt(amountMinor), description };
  rows.push(row);
  return row;
}
function pair(outAccount: Row["account"], inAccount: Row["account"], day: number, gap: number, amountMinor: number, outText: string, inText: string) {
  const out = add(outAccount, day, -amountMinor, outText);
  const inn = add(inAccount, day + gap, amountMinor, inText);
  truth.add(`${out.id}|${inn.id}`);
  return { out, inn };
}
const dateOf = (day: number) => new Date(Date.UTC(YEAR, 0, 1 + day));

const MERCHANTS = ["WHOLEFDS MKT #10231", "SHELL OIL 5744", "AMAZON MKTPL*2K4", "TRADER JOE'S #552", "UBER *TRIP", "STARBUCKS STORE 0911", "TARGET T-2231", "CVS/PHARMACY #0442", "NETFLIX.COM", "SPOTIFY USA", "HOME DEPOT #6612", "CHIPOTLE 1822", "COSTCO WHSE #0117", "APPLE.COM/BILL", "LYFT *RIDE"];

function generate() {
  // Noise: purchases on checking and the card, every day.
  for (let day = 0; day < 365; day++) {
    for (let k = 0; k < NOISE; k++) add(rand() < 0.4 ? "chk" : "card", day, -int(199, 15_000), pick(MERCHANTS));
    if (rand() < 0.3) add("eur", day, -int(150, 9_000), pick(["CARREFOUR PARIS", "SNCF", "MONOPRIX", "BOULANGERIE PAUL"]));
    if (rand() < 0.05) add("card", day, int(199, 9_000), `${pick(MERCHANTS)} REFUND`);
  }
  // Salary every other Friday, 2,000.00 (equal to some top-ups below).
  for (let day = 4; day < 365; day += 14) add("chk", day, 200_000, "ACME CORP PAYROLL PPD ID 99123");

  // Card autopay: the statement balance, checking → card, posted on the card 1–3 days later.
  for (let m = 0; m < 12; m++) {
    const day = m * 30 + 24;
    const amount = int(40_000, 350_000);
    pair("chk", "card", day, int(1, 3), amount, "SAPPHIRE VISA AUTOPAY PPD ID 4242", "AUTOMATIC PAYMENT - THANK YOU");
    // Decoy: a purchase of the same amount on the card payment's day in checking.
    if (m % 3 === 0) add("chk", day, -amount, pick(MERCHANTS));
  }
  // Extra web payments to the card, random amounts.
  for (let k = 0; k < 8; k++) pair("chk", "card", int(0, 360), int(0, 2), int(5_000, 60_000), "WEB PMT CARD ENDING 4242", "PAYMENT RECEIVED - ONLINE");

  // Savings sweep every other Monday: 500.00 checking → savings the same or next day.
  for (let day = 7; day < 365; day += 14) {
    pair("chk", "sav", day, int(0, 1), 50_000, "ONLINE TRANSFER TO HIGH-YIELD SAVINGS XXXXXX1111", "ONLINE TRANSFER FROM CHK XXXXXX6789");
    // Decoy: a Zelle payment of 500.00 from checking in the same week.
    if (rand() < 0.5) add("chk", day + int(1, 3), -50_000, "ZELLE PAYMENT TO J SMITH");
  }
  // Two sweeps of one amount in one week, told apart by their dates.
  for (const day of [100, 200, 300]) {
    pair("chk", "sav", day, 0, 25_000, "ONLINE TRANSFER TO HIGH-YIELD SAVINGS XXXXXX1111", "ONLINE TRANSFER FROM CHK XXXXXX6789");
    pair("chk", "sav", day + 3, 0, 25_000, "ONLINE TRANSFER TO HIGH-YIELD SAVINGS XXXXXX1111", "ONLINE TRANSFER FROM CHK XXXXXX6789");
  }
  // Savings → checking top-ups, some of exactly a salary's amount near a payday.
  for (let k = 0; k < 12; k++) {
    const payday = 4 + 14 * int(0, 25);
    const amount = k % 3 === 0 ? 200_000 : int(10_000, 150_000);
    pair("sav", "chk", k % 3 === 0 ? payday + 1 : int(0, 360), int(0, 2), amount, "TRANSFER TO CHECKING", "TRANSFER FROM SAVINGS");
  }
  // Transfers whose description says only one thing (a reference on one side, nothing on the other).
  for (let k = 0; k < 5; k++) pair("chk", "sav", int(0, 360), int(0, 2), int(1_000, 90_000), "XFER REF 55" + k, "DEPOSIT");

  // Decoys with no transfer words: card refunds equal to a checking purchase, ATM cash equal to a mobile deposit.
  for (let k = 0; k < 15; k++) {
    const day = int(0, 360);
    const amount = int(1_000, 20_000);
    add("chk", day, -amount, pick(MERCHANTS));
    add("card", day + int(0, 3), amount, `${pick(MERCHANTS)} REFUND`);
  }
  for (let k = 0; k < 10; k++) {
    const day = int(0, 360);
    add("chk", day, -10_000 * int(1, 3), "ATM WITHDRAWAL 0412 MAIN ST");
    add("sav", day + int(0, 2), 10_000 * int(1, 3), "MOBILE DEPOSIT");
  }
  // A friend paying back exactly what went on the card (payment words on one side only).
  for (let k = 0; k < 6; k++) {
    const day = int(0, 360);
    const amount = int(2_000, 30_000);
    add("card", day, -amount, pick(["STUBHUB *TICKETS", "NOBU NEW YORK", "AIRBNB * HM4Q"]));
    add("chk", day + int(0, 2), amount, pick(["VENMO PAYMENT RECEIVED", "CASH APP PAYMENT FROM A LEE", "ZELLE PAYMENT FROM K WONG"]));
  }
  // A EUR deposit equal to a USD transfer the same day: another currency, never paired.
  for (let k = 0; k < 6; k++) {
    const day = int(0, 360);
    const amount = int(10_000, 80_000);
    pair("chk", "sav", day, 0, amount, "ONLINE TRANSFER TO HIGH-YIELD SAVINGS XXXXXX1111", "ONLINE TRANSFER FROM CHK XXXXXX6789");
    add("eur", day, amount, "VIREMENT RECU TRANSFER");
  }
  // USD → EUR through a money service: different amounts and currencies, not a pair for the job.
  for (let k = 0; k < 4; k++) {
    const day = int(0, 360);
    add("chk", day, -100_000, "WISE INC TRANSFER");
    add("eur", day + 1, 91_500, "WISE TRANSFER FROM USD");
  }
}

async function main() {
  generate();
  const { id, raw, close } = await openScratchStack("transfers", [QUEUE.transferMatching, QUEUE.financialSummary]);
  try {
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "Bench", passwordHash: "x" } });
    const accountIds: Record<Row["account"], string> = { chk: "acc-chk", sav: "acc-sav", card: "acc-card", eur: "acc-eur" };
    await db().financialAccount.createMany({
      data: [
        { id: accountIds.chk, userId: user.id, name: "Everyday Checking", type: "checking", currency: "USD", number: "000123456789" },
        { id: accountIds.sav, userId: user.id, name: "High-Yield Savings", type: "savings", currency: "USD", number: "987650001111" },
        { id: accountIds.card, userId: user.id, name: "Sapphire Visa", type: "credit_card", currency: "USD", number: "4111111111114242" },
        { id: accountIds.eur, userId: user.id, name: "Euro Account", type: "checking", currency: "EUR", number: "FR7630006000011234567890189" },
      ],
    });
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      await raw.query(
        `INSERT INTO "Transaction" (id, "userId", "accountId", date, description, "amountMinor", "updatedAt")
         SELECT id, $1, acc, d, descr, amt, now() FROM unnest($2::text[], $3::text[], $4::date[], $5::text[], $6::bigint[]) AS v(id, acc, d, descr, amt)`,
        [user.id, chunk.map((r) => r.id), chunk.map((r) => accountIds[r.account]), chunk.map((r) => dateOf(r.day)), chunk.map((r) => r.description), chunk.map((r) => r.amountMinor.toString())],
      );
    }
    await raw.query(`ANALYZE "Transaction"`);
    console.log(`generated ${rows.length.toLocaleString("en-US")} transactions (seed ${SEED}), ${truth.size} true pairs`);

    // The whole year, as after importing the four statements.
    const full = await runJob(user.id, `${YEAR}-01-01`, `${YEAR}-12-31`);
    const found = await db().transaction.findMany({ where: { userId: user.id, transferPeerId: { not: null }, amountMinor: { lt: 0 } }, select: { id: true, transferPeerId: true } });
    const predicted = new Set(found.map((f) => `${f.id}|${f.transferPeerId}`));
    const truePositives = [...predicted].filter((p) => truth.has(p)).length;
    const precision = predicted.size ? truePositives / predicted.size : 1;
    const recall = truePositives / truth.size;
    const wrong = [...predicted].filter((p) => !truth.has(p));
    const missed = [...truth].filter((p) => !predicted.has(p));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const show = (p: string) => p.split("|").map((i) => { const r = byId.get(i)!; return `${r.account} day ${r.day} ${r.amountMinor} "${r.description}"`; }).join("  ↔  ");
    for (const p of wrong) console.log(`  wrong:  ${show(p)}`);
    for (const p of missed) console.log(`  missed: ${show(p)}`);

    // One edit in June: the run reads only its dates ± the window.
    const edited = rows.find((r) => r.account === "chk" && r.day === 160 && r.amountMinor < 0n)!;
    await updateTransaction(user.id, edited.id, { description: `${edited.description} (note)` });
    const editRun = await waitForRun(user.id, full.jobId);

    console.log("");
    console.log(`| measure | figure | goal |`);
    console.log(`|---|---|---|`);
    console.log(`| transactions (a year; 4 accounts) | ${rows.length.toLocaleString("en-US")} | |`);
    console.log(`| true pairs | ${truth.size} | |`);
    console.log(`| pairs found | ${predicted.size} (${truePositives} right, ${wrong.length} wrong, ${missed.length} missed) | |`);
    console.log(`| precision | **${precision.toFixed(3)}** | ≥ 0.98 |`);
    console.log(`| recall | **${recall.toFixed(3)}** | ≥ 0.95 |`);
    console.log(`| job over the whole year: rows read, time in the job | ${full.scanned.toLocaleString("en-US")} rows, ${full.ms} ms (wall ${full.wall.toFixed(0)} ms from request to done) | |`);
    console.log(`| job after one edit: rows read, time in the job | ${editRun.scanned.toLocaleString("en-US")} rows, ${editRun.ms} ms | reads only the edit's dates ± window |`);
  } finally {
    await close();
  }
}

interface RunFigures {
  jobId: string;
  scanned: number;
  ms: number;
  wall: number;
}

async function runJob(userId: string, from: string, to: string): Promise<RunFigures> {
  const t = performance.now();
  const requested = await transferMatchingJob.enqueue({ userId, from, to });
  const run = await waitForRun(userId, null, requested.id);
  return { ...run, wall: performance.now() - t };
}

async function waitForRun(userId: string, after: string | null, jobId?: string): Promise<RunFigures> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const job = jobId
      ? await db().backgroundJob.findUnique({ where: { id: jobId } })
      : await db().backgroundJob.findFirst({ where: { userId, type: QUEUE.transferMatching, id: { not: after ?? "" } }, orderBy: { createdAt: "desc" } });
    if (job?.status === "failed") throw new Error(`transfer-matching failed: ${job.error}`);
    if (job?.status === "completed") {
      const result = job.result as { scanned: number; ms: number };
      return { jobId: job.id, scanned: result.scanned, ms: result.ms, wall: 0 };
    }
    if (Date.now() > deadline) throw new Error("timed out waiting for transfer-matching");
    await new Promise((r) => setTimeout(r, 50));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
