// npm run drill:postgres-blip – stop Postgres for 10 s while jobs run (edits and imports).
// While it is down the web answers 503 in JSON; afterwards the jobs retry and complete, none
// is left running, and the database holds exactly what was accepted.

import { acceptedEdits, answerStats, DrillClient, editBatch, expectedTotals, importFile, report, runDrill, sendEdits, settle, sleep } from "./drill-harness";

const BLIP_MS = Number(process.env.DRILL_BLIP_MS ?? 10_000);

void runDrill("postgres-blip", { env: { RECONCILE_PENDING_AFTER_MS: "10000", JOB_BACKOFF_MS: "2000" } }, async (stack) => {
  const web = await stack.startWeb();
  await stack.startWorker();
  const client = await DrillClient.signUp(stack.baseUrl, "postgres-blip");

  // Jobs in flight when Postgres goes: five 20,000-row imports and a stream of edits.
  const files = Array.from({ length: 5 }, (_, i) => importFile(`PG${i}`, 20_000));
  const uploads = await Promise.all(files.map((f, i) => client.upload(`pg-${i}.csv`, f.csv)));
  const edits = editBatch("edit", 600);
  // About 15 s of edits, so they run before, during and after the blip.
  const editing = sendEdits(client, edits, 4, 100);

  await sleep(1_500);
  await stack.stopPostgres();
  const down = Date.now();
  const probes = [];
  while (Date.now() - down < BLIP_MS) {
    probes.push(await client.summary());
    await sleep(500);
  }
  await stack.startPostgres();

  const editAnswers = await editing.results;
  const accepted = acceptedEdits(edits, editAnswers);
  const imported = files.filter((_, i) => uploads[i].status === 202);
  const probeStats = answerStats(probes);
  const editStats = answerStats(editAnswers);

  const outcome = await settle(stack, client.email, 240_000);
  const unhandled = web.output().filter((line) => line.includes("unhandled error in route"));
  const ok = report(
    "postgres-blip",
    expectedTotals(accepted, imported),
    outcome,
    [
      ["Postgres down for", `${BLIP_MS / 1000} s`],
      ["GET /api/summary while down, by status", JSON.stringify(probeStats.byStatus)],
      ["edits by status", JSON.stringify(editStats.byStatus)],
      ["answers that were not JSON, or none", probeStats.nonJsonErrors + editStats.nonJsonErrors],
      ["slowest answer while down", `${Math.max(probeStats.maxMs, editStats.maxMs)} ms`],
      ["web errors logged as unhandled (500)", unhandled.length],
      ...unhandled.slice(0, 3).map((line, i): [string, string] => [`  unhandled ${i + 1}`, line.slice(0, 400)]),
    ],
  );
  const answeredRight = [...probes, ...editAnswers].every((a) => [201, 503].includes(a.status) && a.isJson);
  return ok && answeredRight && probes.every((p) => p.status === 503);
});
