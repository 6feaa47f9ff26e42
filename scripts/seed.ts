// npm run db:seed
//
// Makes sure the demo user (demo@tallyboard.app / demo1234) exists with ~6 months of
// transactions, then asks the worker for a fresh financial summary. Idempotent: run it as
// often as you like (`npm run dev` runs it at every start). Needs DATABASE_URL and REDIS_URL
// (`npm run dev` sets both); the database must be migrated (`npm run db:migrate`).

import { disconnectDb } from "../lib/db";
import { requestForecast } from "../lib/forecast/forecasts";
import { startInsightGeneration } from "../lib/insights/insights";
import { closeQueues } from "../lib/queue/queues";
import { requestSummaryRecompute } from "../lib/summary/request-summary";
import { DEMO_EMAIL, seedDemoUser } from "../lib/users/seed-demo-user";
import { DEMO_CATEGORIES, generateDemoTransactions } from "./demo-transactions";

async function main(): Promise<void> {
  const started = Date.now();
  const result = await seedDemoUser({ categories: DEMO_CATEGORIES, transactions: (today) => generateDemoTransactions({ today }) });
  const { jobId } = await requestSummaryRecompute(result.userId);
  // What a new user of the demo sees without waiting for the nightly and weekly runs.
  const insights = await startInsightGeneration(result.userId);
  const forecast = await requestForecast(result.userId).catch((err: Error) => ({ kind: "skipped" as const, reason: err.message }));
  const what = result.created ? "created" : "already there";
  const txns =
    result.transactions > 0 ? `inserted ${result.transactions} transactions` : "has transactions, inserted none";
  console.log(
    `Seed: demo user ${DEMO_EMAIL} ${what} (id ${result.userId}), ${txns}; ` +
      `summary recompute requested (job ${jobId}), insights (job ${insights.jobId}), forecast ` +
      `(${forecast.kind === "queued" ? `job ${forecast.jobId}` : forecast.kind === "skipped" ? forecast.reason : "up to date"}) in ${Date.now() - started} ms.`,
  );
}

async function shutdown(): Promise<void> {
  const results = await Promise.allSettled([disconnectDb(), closeQueues()]);
  for (const r of results) {
    if (r.status === "rejected") console.error(`db:seed: while closing: ${String(r.reason)}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(`db:seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await shutdown();
    // A one-shot script: exit once closed. (Bull 4 does not close Redis clients made by a
    // custom createClient, so an open socket could otherwise keep this process alive.)
    process.exit();
  });
