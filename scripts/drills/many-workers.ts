// npm run drill:many-workers – three worker processes on the same queues; SIGKILL one in the
// middle of a burst (edits and uploads). Every job done exactly once in effect: no row imported
// twice, and the summary recomputed once per burst window rather than once per change. The
// windows are counted from the rows' commit times as the coalescing rule draws them (a window
// closes after SUMMARY_DEBOUNCE_MS without a change, or SUMMARY_MAX_WAIT_MS after it opened);
// the recomputes that start while the edits are sent must not outnumber the windows opened
// by then, give or take two and one per import (an import's categorize run is a change without
// a row of its own).

import { acceptedEdits, answerStats, DrillClient, editBatch, expectedTotals, importFile, inParallel, report, runDrill, sendEdits, settle, sleep } from "./drill-harness";

void runDrill("many-workers", { env: { WORKER_LOCK_DURATION_FACTOR: "0.1", RECONCILE_PENDING_AFTER_MS: "5000", JOB_BACKOFF_MS: "1000" } }, async (stack) => {
  await stack.startWeb();
  const workers = [await stack.startWorker(), await stack.startWorker(), await stack.startWorker()];
  const client = await DrillClient.signUp(stack.baseUrl, "many-workers");

  const started = Date.now();
  const edits = editBatch("edit", 1_000);
  const files = Array.from({ length: 6 }, (_, i) => importFile(`MW${i}`, 5_000));
  const editing = sendEdits(client, edits, 8);
  const uploading = inParallel(files, 2, (f, i) => client.upload(`mw-${i}.csv`, f.csv));
  while (editing.started() < edits.length / 2) await sleep(100);
  await workers[1].stop("SIGKILL");
  const editsDone = editing.results.then((answers) => ({ answers, at: Date.now() }));
  const [{ answers, at: editsDoneAt }, uploads] = await Promise.all([editsDone, uploading.results]);
  const burstMs = Date.now() - started;
  const accepted = acceptedEdits(edits, answers);
  const stats = answerStats([...answers, ...uploads]);
  const imported = files.filter((_, i) => uploads[i].status === 202);

  const outcome = await settle(stack, client.email, 240_000);
  const { rows } = await stack.db().query<{ computed: string; runs: string }>(
    `SELECT count(*) FILTER (WHERE (result->>'computed')::boolean) AS computed, count(*) AS runs
       FROM "BackgroundJob" WHERE type = 'financial-summary' AND status = 'completed'`,
  );
  const importRuns = await stack.db().query<{ id: string; n: string }>(
    `SELECT "importId" AS id, count(*) AS n FROM "Transaction" WHERE "importId" IS NOT NULL GROUP BY "importId"`,
  );
  const doubled = importRuns.rows.filter((r) => Number(r.n) !== 5_000).length;
  const windowMs = Number(process.env.SUMMARY_MAX_WAIT_MS ?? 30_000);
  const editsMs = editsDoneAt - started;
  const { rows: during } = await stack.db().query<{ n: string }>(
    `SELECT count(*) AS n FROM "BackgroundJob"
      WHERE type = 'financial-summary' AND status = 'completed' AND (result->>'computed')::boolean
        AND "startedAt" BETWEEN to_timestamp($1::double precision / 1000) AND to_timestamp($2::double precision / 1000)`,
    [started, editsDoneAt],
  );
  // Each recompute: when it started after the burst began, how long its row waited from
  // creation to start, and how many changes attached to it (to see why a window closed early).
  const { rows: runs } = await stack.db().query<{ at: string; waited: string; attached: number }>(
    `SELECT round(EXTRACT(EPOCH FROM ("startedAt" - to_timestamp($1::double precision / 1000)))::numeric, 1)::text AS at,
            round(EXTRACT(EPOCH FROM ("startedAt" - "createdAt"))::numeric, 1)::text AS waited, "coalescedCount" AS attached
       FROM "BackgroundJob" WHERE type = 'financial-summary' AND status = 'completed' AND (result->>'computed')::boolean
      ORDER BY "startedAt"`,
    [started],
  );
  const debounceMs = Number(process.env.SUMMARY_DEBOUNCE_MS ?? 1_000);
  const { rows: commits } = await stack.db().query<{ ms: string }>(
    `SELECT DISTINCT floor(EXTRACT(EPOCH FROM "createdAt") * 1000)::bigint::text AS ms FROM "Transaction" ORDER BY 1`,
  );
  let windows = 0;
  let opened = -Infinity;
  let previous = -Infinity;
  for (const ms of commits.map((c) => Number(c.ms))) {
    if (ms - previous > debounceMs || ms - opened >= windowMs) {
      if (ms <= editsDoneAt) windows++;
      opened = ms;
    }
    previous = ms;
  }
  const perWindowBound = windows + 2 + imported.length;
  const coalesced = Number(during[0].n) <= perWindowBound;
  return (
    report(
      "many-workers",
      expectedTotals(accepted, imported),
      outcome,
      [
        ["answers by HTTP status (0 = no answer)", JSON.stringify(stats.byStatus)],
        ["slowest answer", `${stats.maxMs} ms`],
        ...answers.filter((a) => a.status !== 201).slice(0, 3).map((a, i): [string, string] => [`  refused edit ${i + 1}`, `${a.status} ${JSON.stringify(a.json).slice(0, 300)}`]),
        ["burst length", `${(burstMs / 1000).toFixed(1)} s (${accepted.count} edits, ${imported.length} uploads accepted)`],
        ["summary runs that recomputed / all completed", `${rows[0].computed} / ${rows[0].runs}`],
        [
          "recomputes started while edits were sent",
          `${during[0].n} over ${(editsMs / 1000).toFixed(1)} s; coalescing windows opened by then ${windows} (debounce ${debounceMs / 1000} s, at most ${windowMs / 1000} s): at most ${perWindowBound}${coalesced ? "" : " TOO MANY"}`,
        ],
        ["recomputes: start s / waited s / changes attached", runs.map((r) => `${r.at}/${r.waited}/${r.attached}`).join(" ")],
        ["imports whose row count is not 5,000", doubled],
      ],
    ) &&
    doubled === 0 &&
    coalesced
  );
});
