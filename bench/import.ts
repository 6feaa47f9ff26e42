// bench/import: a generated 1,000,000-row bank export imported through the real path (stored
// in Postgres, confirmed, the csv-import job run by a spawned worker process), against a raw
// COPY of the same rows, in the same run, into a table shaped like "Transaction": with its
// indexes and foreign keys (the headline, timed before and after the job), with its indexes
// only, and bare. Prints rows/s each way, the ratios (goal >= 0.5) and the worker's peak RSS
// (VmHWM, goal <= 300 MB).
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     npm run bench:import [-- --rows 1000000] [--compiled]
//
// --compiled runs dist/scripts (npm run build:worker first), as production does; otherwise tsx.
// Either way the worker gets the node flags of package.json's start:worker.
//
// Works in a scratch schema and Bull prefix and removes them, and the temp file, at the end.

import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { db, disconnectDb, parseDatabaseUrl } from "../lib/db";
import { resetEnvCache } from "../lib/env";

import { uploadImport } from "../lib/imports/upload-import";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { QUEUE } from "../lib/jobs/job-names";
import { closeQueues } from "../lib/queue/queues";
import { deleteRedisPrefix } from "../tests/helpers/integration";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 1_000_000);
const ROOT = path.resolve(__dirname, "..");

// A Chase-style checking export: Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #
const MERCHANTS = [
  "SQ *BLUE BOTTLE COFFE San Jose CA",
  "AMAZON.COM*RT4K27HJ2 AMZN.COM/BILL WA",
  "TRADER JOE S #123 OAKLAND CA",
  "SHELL OIL 57444 SAN FRANCISCO CA",
  "VENMO PAYMENT 1033456789 WEB ID: 3264681992",
  "UBER *TRIP HELP.UBER.COM CA",
  "NETFLIX.COM LOS GATOS CA",
  '"PG&E, WEB ONLINE PAYMENT"',
  "CVS/PHARMACY #09876 BERKELEY CA",
  "WHOLEFDS MKT 10234 OAKLAND CA",
];

/** Row i of the export: several per day over a few years, some identical purchases on one day. */
function row(i: number, balance: { minor: bigint }): { date: string; description: string; amountMinor: bigint; line: string } {
  const dayIndex = Math.floor(i / 40);
  const d = new Date(Date.UTC(2019, 0, 1) + dayIndex * 86_400_000);
  const date = `${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")}/${d.getUTCFullYear()}`;
  const payroll = i % 40 === 0;
  // Every 10th row repeats the row before it (two coffees in a day): both must import.
  const k = i % 10 === 9 ? i - 1 : i;
  const description = payroll ? `PAYROLL ACME CORP PPD ID: ${1000 + (i % 97)}` : `${MERCHANTS[k % MERCHANTS.length]} REF ${Math.floor(k / 2)}`;
  const amountMinor = payroll ? 412_350n : -BigInt(100 + ((k * 7919) % 25_000));
  balance.minor += amountMinor;
  const money = (m: bigint) => `${m < 0n ? "-" : ""}${(m < 0n ? -m : m) / 100n}.${String((m < 0n ? -m : m) % 100n).padStart(2, "0")}`;
  const line = `${payroll ? "CREDIT" : "DEBIT"},${date},${description},${money(amountMinor)},${payroll ? "ACH_CREDIT" : "DEBIT_CARD"},${money(balance.minor)},,\n`;
  return { date: d.toISOString().slice(0, 10), description: description.replace(/"/g, ""), amountMinor, line };
}

async function* csvChunks(rows: number): AsyncGenerator<string> {
  yield "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n";
  const balance = { minor: 500_000n };
  let text = "";
  for (let i = 0; i < rows; i++) {
    text += row(i, balance).line;
    if (text.length > 256 * 1024) {
      yield text;
      text = "";
    }
  }
  yield text;
}

/** The same rows as COPY text for a table shaped like "Transaction". */
async function* copyChunks(rows: number, userId: string, importId: string): AsyncGenerator<string> {
  const balance = { minor: 500_000n };
  const now = new Date().toISOString();
  const escape = (s: string) => s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
  let text = "";
  for (let i = 0; i < rows; i++) {
    const r = row(i, balance);
    const fp = createHash("sha256").update(`${userId}|${i}`).digest("hex");
    // id, userId, date, description, amountMinor, importId, fingerprint, importLine, createdAt, updatedAt
    text += `copy_${String(i).padStart(8, "0")}\t${userId}\t${r.date}\t${escape(r.description)}\t${r.amountMinor}\t${importId}\t${fp}\t${i + 2}\t${now}\t${now}\n`;
    if (text.length > 256 * 1024) {
      yield text;
      text = "";
    }
  }
  yield text;
}

function pgClient(url: string): pg.Client {
  const { connectionString, schema } = parseDatabaseUrl(url);
  return new pg.Client({ connectionString, options: `-c search_path="${schema}"` });
}

async function rawCopy(url: string, ids: { userId: string; importId: string }, table: string, like: string, foreignKeys = false): Promise<number> {
  const client = pgClient(url);
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${table} (LIKE "Transaction" ${like})`);
    if (foreignKeys) {
      // LIKE copies no foreign keys: these are the two the import's rows fill in (account and
      // category are null here, and a null key is not checked).
      await client.query(
        `ALTER TABLE ${table} ADD FOREIGN KEY ("userId") REFERENCES "User"(id), ADD FOREIGN KEY ("importId") REFERENCES "Import"(id)`,
      );
    }
    const started = performance.now();
    const stream = client.query(
      copyFrom(`COPY ${table} (id, "userId", date, description, "amountMinor", "importId", fingerprint, "importLine", "createdAt", "updatedAt") FROM STDIN`),
    );
    await pipeline(Readable.from(copyChunks(ROWS, ids.userId, ids.importId)), stream);
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE ${table}`);
    return seconds;
  } finally {
    await client.end();
  }
}

const WORKER_SCRIPT = "dist/scripts/processFinancialSummaryQueue.js";

/** The node flags of package.json's start:worker ("node [flags] dist/scripts/…js"). */
function workerNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = pkg.scripts["start:worker"].trim().split(/\s+/);
  if (words[0] !== "node" || words[words.length - 1] !== WORKER_SCRIPT) {
    throw new Error(`start:worker is not "node [flags] ${WORKER_SCRIPT}": ${pkg.scripts["start:worker"]}`);
  }
  return words.slice(1, -1);
}

function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_import_${id}`;
  const prefix = `bench-import-${id}`;
  const url = withSchemaParam(base, schema);
  const env = { DATABASE_URL: url, REDIS_URL: redisUrl, BULL_PREFIX: prefix, LOG_LEVEL: "warn", IMPORT_MAX_BYTES: String(1024 * 1024 * 1024) };
  Object.assign(process.env, env);
  resetEnvCache();
  const dir = mkdtempSync(path.join(tmpdir(), "bench-import-"));
  const file = path.join(dir, "statement.csv");
  await applyMigrations(url);
  let worker: ReturnType<typeof spawn> | null = null;
  try {
    await pipeline(Readable.from(csvChunks(ROWS)), createWriteStream(file));
    const size = statSync(file).size;
    console.log(`${ROWS.toLocaleString("en-US")} rows, ${(size / 1024 / 1024).toFixed(1)} MB (Chase layout)`);
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "bench", passwordHash: "x" } });

    const ids = { userId: user.id, importId: "" };
    const rate = (s: number) => `${s.toFixed(1)} s = ${Math.round(ROWS / s).toLocaleString("en-US")} rows/s`;

    // The upload as the route does it (the bytes in memory, stored in ImportFile), confirmed.
    let t = performance.now();
    const upload = await uploadImport(user.id, { bytes: new Uint8Array(readFileSync(file)), fileName: "statement.csv", autoConfirm: true });
    if (!upload.started) throw new Error("the import did not start");
    console.log(`upload (detect, preview, store ${(size / 1024 / 1024).toFixed(1)} MB): ${((performance.now() - t) / 1000).toFixed(1)} s`);
    ids.importId = upload.importId;
    // The job is queued but no worker runs yet: the baseline first, so nothing overlaps.
    const keysBefore = await rawCopy(url, ids, "bench_copy_keys", "INCLUDING ALL", true);
    console.log(`raw COPY into a table like "Transaction" with its indexes and the userId and importId foreign keys it checks: ${rate(keysBefore)}`);

    // The worker as production runs it (package.json's start:worker, node flags included),
    // serving only csv-import; without --compiled the same flags with tsx.
    const useCompiled = process.argv.includes("--compiled");
    const nodeArgs = workerNodeArgs();
    worker = spawn(process.execPath, [...nodeArgs, ...(useCompiled ? [path.join(ROOT, WORKER_SCRIPT)] : ["--import", "tsx", path.join(ROOT, "scripts/processFinancialSummaryQueue.ts")])], {
      cwd: ROOT,
      env: { ...process.env, ...env, WORKER_QUEUES: QUEUE.csvImport },
      stdio: ["ignore", "inherit", "inherit"],
    });
    let peak = 0;
    for (;;) {
      const job = await db().backgroundJob.findUniqueOrThrow({ where: { id: upload.jobId } });
      peak = Math.max(peak, peakRssMb(worker.pid!) ?? 0);
      if (job.status === "completed" || job.status === "failed") {
        if (job.status === "failed") throw new Error(`the import failed: ${job.error}`);
        const seconds = (job.finishedAt!.getTime() - job.startedAt!.getTime()) / 1000;
        const done = await db().import.findUniqueOrThrow({ where: { id: upload.importId } });
        console.log(
          `job: ${done.importedCount.toLocaleString("en-US")} imported, ${done.duplicateCount} duplicates, ${done.errorCount} errors in ${seconds.toFixed(1)} s ` +
            `(read + insert, and the survey pass when the date format needs one) = ${Math.round(ROWS / seconds).toLocaleString("en-US")} rows/s`,
        );
        if (done.importedCount !== ROWS) throw new Error(`expected ${ROWS} rows, got ${done.importedCount}`);
        t = seconds;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`worker peak RSS (VmHWM, ${useCompiled ? "compiled" : "tsx"}, node ${nodeArgs.join(" ") || "(no flags)"}): ${peak} MB (goal <= 300 MB)`);
    worker.kill("SIGTERM");
    worker = null;
    const jobSeconds = t;

    const withIndexes = await rawCopy(url, ids, "bench_copy_like", "INCLUDING ALL");
    console.log(`raw COPY into a table like "Transaction" (same columns and indexes): ${rate(withIndexes)}`);
    const keysAfter = await rawCopy(url, ids, "bench_copy_keys", "INCLUDING ALL", true);
    console.log(`raw COPY with indexes and foreign keys, again after the job: ${rate(keysAfter)}`);
    const bare = await rawCopy(url, ids, "bench_copy_bare", "INCLUDING DEFAULTS");
    console.log(`raw COPY into the same columns without indexes (for reference): ${rate(bare)}`);
    // The headline: what Postgres must do to take these rows into this table (its indexes and
    // the foreign keys it checks), timed before and after the job to even out a shared machine.
    const withKeys = (keysBefore + keysAfter) / 2;
    console.log(`ratio import job / raw COPY with indexes and foreign keys (mean of before and after): ${(withKeys / jobSeconds).toFixed(2)} (goal >= 0.5)`);
    console.log(`ratio import job / raw COPY with indexes only (no foreign-key checks): ${(withIndexes / jobSeconds).toFixed(2)}`);
  } finally {
    worker?.kill("SIGTERM");
    await closeQueues();
    await disconnectDb();
    await deleteRedisPrefix(redisUrl, prefix);
    await dropSchema(base, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
