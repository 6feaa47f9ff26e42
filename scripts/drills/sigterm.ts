// npm run drill:sigterm – SIGTERM the worker in the middle of a long import and start the next
// one at once. The job must finish (the stopping worker waits up to WORKER_SHUTDOWN_TIMEOUT_MS)
// or be handed back and finished by the next worker, within 30 s; nothing lost or doubled.

import { DrillClient, importFile, report, runDrill, settle, sleep } from "./drill-harness";

const ROWS = Number(process.env.DRILL_IMPORT_ROWS ?? 200_000);

void runDrill("sigterm", {}, async (stack) => {
  await stack.startWeb();
  const first = await stack.startWorker();
  const client = await DrillClient.signUp(stack.baseUrl, "sigterm");

  const file = importFile("TERM", ROWS);
  const uploaded = await client.upload("long.csv", file.csv);
  if (uploaded.status !== 202) throw new Error(`upload answered ${uploaded.status}`);
  // Mid-job: once the import has written some rows.
  for (;;) {
    const { rows } = await stack.db().query<{ processed: number; status: string }>(
      `SELECT "processedRows" AS processed, status FROM "Import" ORDER BY "createdAt" DESC LIMIT 1`,
    );
    if (rows[0]?.status === "completed") throw new Error("the import finished before the SIGTERM; use more rows");
    if ((rows[0]?.processed ?? 0) > 0) break;
    await sleep(100);
  }
  const signalled = Date.now();
  first.child.kill("SIGTERM");
  await stack.startWorker();
  const exitCode = await first.exited;
  const exitedAfter = Date.now() - signalled;

  let doneAfter: number | null = null;
  while (Date.now() - signalled < 60_000) {
    const { rows } = await stack.db().query<{ status: string }>(`SELECT status FROM "Import" ORDER BY "createdAt" DESC LIMIT 1`);
    if (rows[0]?.status === "completed") {
      doneAfter = Date.now() - signalled;
      break;
    }
    await sleep(200);
  }
  const outcome = await settle(stack, client.email, 120_000);
  const ok = report("sigterm", { transactions: file.count, sumMinor: file.sumMinor }, outcome, [
    ["stopping worker exited with / after", `${exitCode} / ${(exitedAfter / 1000).toFixed(1)} s`],
    ["import completed after the SIGTERM", doneAfter === null ? "NOT within 60 s" : `${(doneAfter / 1000).toFixed(1)} s`],
  ]);
  return ok && doneAfter !== null && doneAfter <= 30_000;
});
