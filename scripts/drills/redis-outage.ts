// npm run drill:redis-outage – stop Redis for 30 s while 1,000 edits and 20 uploads arrive.
// Every request must answer 201/202 (the change and its job row are in Postgres: the outbox)
// or a clear 503 in JSON, never a stack or a hang past 5 s; once Redis is back the reconciler
// queues what never reached it, and every job completes. Counts what the database holds.

import { acceptedEdits, answerStats, DrillClient, editBatch, expectedTotals, importFile, inParallel, report, runDrill, sendEdits, settle, sleep } from "./drill-harness";

const OUTAGE_MS = Number(process.env.DRILL_OUTAGE_MS ?? 30_000);

// The reconciler re-queues a pending job this long after it was due (production: 60 s).
void runDrill("redis-outage", { env: { RECONCILE_PENDING_AFTER_MS: "10000" } }, async (stack) => {
  await stack.startWeb();
  await stack.startWorker();
  const client = await DrillClient.signUp(stack.baseUrl, "redis-outage");

  const edits = editBatch("edit", 1_000);
  const files = Array.from({ length: 20 }, (_, i) => importFile(`UP${i}`, 50));
  // Spread the load over the outage: 1,000 edits over about 40 s, an upload every ~2 s.
  const editing = sendEdits(client, edits, 4, 150);
  const uploading = inParallel(files, 1, async (f, i) => {
    await sleep(i === 0 ? 0 : 2_000);
    return client.upload(`up-${i}.csv`, f.csv);
  });

  await sleep(3_000);
  const down = Date.now();
  await stack.stopRedis();
  await sleep(OUTAGE_MS);
  await stack.startRedis();
  const outage = Date.now() - down;

  const [editAnswers, uploadAnswers] = await Promise.all([editing.results, uploading.results]);
  const accepted = acceptedEdits(edits, editAnswers);
  const uploaded = files.filter((_, i) => uploadAnswers[i].status === 202);
  const all = [...editAnswers, ...uploadAnswers];
  const stats = answerStats(all);
  const slow = all.filter((a) => a.ms > 5_000).length;

  const outcome = await settle(stack, client.email, 240_000);
  const ok = report(
    "redis-outage",
    expectedTotals(accepted, uploaded),
    outcome,
    [
      ["Redis down for", `${(outage / 1000).toFixed(1)} s`],
      ["answers by HTTP status (0 = no answer)", JSON.stringify(stats.byStatus)],
      ["answers that were not JSON, or none", stats.nonJsonErrors],
      ["slowest answer / answers over 5 s", `${stats.maxMs} ms / ${slow}`],
      ["uploads answered 202", `${uploaded.length} of ${files.length}`],
    ],
  );
  return ok && stats.nonJsonErrors === 0 && slow === 0 && all.every((a) => [201, 202, 503].includes(a.status));
});
