// bench/bulk: set-category on 100,000 rows a filter matches, as the bulk-action job does it
// (batches of 1,000 rows: lock, keep each row's earlier state for Undo, update; the summary,
// budget and transfer runs once at the end), against a plain SQL UPDATE of the same rows in the
// same run; then the job's Undo.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     npm run bench:bulk [-- --rows 100000]
//
// Works in a scratch schema and Bull prefix that it drops at the end. The worker runs in this
// process (bulk-action and financial-summary).

import { performance } from "node:perf_hooks";
import { db } from "../lib/db";
import { QUEUE } from "../lib/jobs/job-names";
import { openScratchStack } from "./scratch-stack";
import { bulkActionSchema } from "../lib/transactions/bulk-action-input";
import { startBulkAction, startBulkUndo } from "../lib/transactions/bulk-actions";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const ROWS = arg("rows", 100_000);
/** Rows that do not match the filter, beside the matching ones. */
const OTHERS = Math.round(ROWS / 5);

async function waitForJob(id: string): Promise<{ startedAt: Date | null; finishedAt: Date | null; createdAt: Date }> {
  for (;;) {
    const job = await db().backgroundJob.findUniqueOrThrow({ where: { id } });
    if (job.status === "completed") return job;
    if (job.status === "failed" || job.status === "cancelled") throw new Error(`job ${id} ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const { id, raw, close } = await openScratchStack("bulk", [QUEUE.bulkAction, QUEUE.financialSummary]);

  try {
    const user = await db().user.create({ data: { email: `bench-${id}@example.test`, name: "Bench", passwordHash: "x" } });
    await raw.query(`INSERT INTO "FinancialAccount" (id, "userId", name, type, "updatedAt") VALUES ('acc1', $1, 'Checking', 'checking', now())`, [user.id]);
    await raw.query(
      `INSERT INTO "Category" (id, "userId", name, kind) VALUES ('cat-old', $1, 'Dining', 'expense'), ('cat-job', $1, 'Coffee', 'expense'), ('cat-sql', $1, 'Cafes', 'expense')`,
      [user.id],
    );
    const seedStart = performance.now();
    await raw.query(
      `INSERT INTO "Transaction" (id, "userId", date, description, "amountMinor", "accountId", "categoryId", "categorySource", "updatedAt")
       SELECT 't' || g, $1, DATE '2026-12-06' - (g % 1096),
              CASE WHEN g <= $2 THEN 'COFFEE SHOP #' || g ELSE 'GROCERY ' || g END,
              -((g::bigint * 7919) % 20000) - 1, 'acc1',
              CASE WHEN g % 3 = 0 THEN 'cat-old' END, CASE WHEN g % 3 = 0 THEN 'dictionary' END, now()
         FROM generate_series(1, $3::int) g`,
      [user.id, ROWS, ROWS + OTHERS],
    );
    await raw.query(`ANALYZE "Transaction"`);
    console.log(`Seeded ${ROWS.toLocaleString("en-US")} matching + ${OTHERS.toLocaleString("en-US")} other rows in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const filter = { q: "coffee shop" };
    const t0 = performance.now();
    const started = await startBulkAction(user.id, bulkActionSchema.parse({ action: "set-category", categoryId: "cat-job", selection: { filter } }));
    const answered = performance.now() - t0;
    const job = await waitForJob(started.jobId!);
    const jobTotal = performance.now() - t0;
    const changed = (await raw.query(`SELECT count(*)::int AS n FROM "Transaction" WHERE "categoryId" = 'cat-job'`)).rows[0].n as number;
    const run = job.startedAt && job.finishedAt ? job.finishedAt.getTime() - job.startedAt.getTime() : NaN;
    console.log(`bulk-action job: request answered in ${answered.toFixed(0)} ms (202, ${started.ran}); job ran ${(run / 1000).toFixed(2)} s; request → completed ${(jobTotal / 1000).toFixed(2)} s; ${changed.toLocaleString("en-US")} rows changed`);

    const s0 = performance.now();
    const updated = await raw.query(
      `UPDATE "Transaction" SET "categoryId" = 'cat-sql', "categorySource" = 'user', "categoryConfidence" = NULL, "needsReview" = false, "suggestedCategory" = NULL, "updatedAt" = now()
        WHERE "userId" = $1 AND (description ILIKE '%coffee shop%' OR payee ILIKE '%coffee shop%' OR notes ILIKE '%coffee shop%')`,
      [user.id],
    );
    const sql = performance.now() - s0;
    console.log(`plain SQL UPDATE of the same rows: ${(sql / 1000).toFixed(2)} s (${updated.rowCount?.toLocaleString("en-US")} rows); job / UPDATE = ${(run / sql).toFixed(1)}×`);

    // Undo restores rows still in the job's category: put them back first, as if the UPDATE had not run.
    await raw.query(`UPDATE "Transaction" SET "categoryId" = 'cat-job' WHERE "categoryId" = 'cat-sql'`);
    const u0 = performance.now();
    const undo = await startBulkUndo(user.id, started.bulk.id);
    const undoJob = await waitForJob(undo.jobId!);
    const undoRun = undoJob.startedAt && undoJob.finishedAt ? undoJob.finishedAt.getTime() - undoJob.startedAt.getTime() : NaN;
    const back = (await raw.query(`SELECT count(*)::int AS n FROM "Transaction" WHERE "categoryId" = 'cat-old'`)).rows[0].n as number;
    console.log(`undo job: ran ${(undoRun / 1000).toFixed(2)} s; request → completed ${((performance.now() - u0) / 1000).toFixed(2)} s; ${back.toLocaleString("en-US")} rows back in their earlier category`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
