// npm run drill:worker-kill – SIGKILL the worker 5 times during a 200,000-row import and 5 times
// during a burst of 1,000 edits, restarting it each time; then count what the database holds.
// Timers are shortened ×0.1 (WORKER_LOCK_DURATION_FACTOR) so each recovery takes seconds, not
// minutes; the recovery paths (Bull's stalled check, the reconciler's sweep) are the same.

import { acceptedEdits, DrillClient, editBatch, importFile, report, runDrill, sendEdits, settle, sleep, type DrillProcess } from "./drill-harness";

const ROWS = Number(process.env.DRILL_IMPORT_ROWS ?? 200_000);
const EDITS = Number(process.env.DRILL_EDITS ?? 1_000);
const KILLS = 5;

const WORKER_ENV = { WORKER_LOCK_DURATION_FACTOR: "0.1", RECONCILE_PENDING_AFTER_MS: "5000", JOB_BACKOFF_MS: "1000" };

void runDrill("worker-kill", { env: WORKER_ENV }, async (stack) => {
  await stack.startWeb();
  let worker: DrillProcess = await stack.startWorker();
  const client = await DrillClient.signUp(stack.baseUrl, "worker-kill");
  const kill = async () => {
    await worker.stop("SIGKILL");
    worker = await stack.startWorker();
  };

  const file = importFile("KILL", ROWS);
  const uploaded = await client.upload("big.csv", file.csv);
  if (uploaded.status !== 202) throw new Error(`upload answered ${uploaded.status}: ${JSON.stringify(uploaded.json)}`);
  let importKills = 0;
  for (let i = 0; i < KILLS; i++) {
    const { rows } = await stack.db().query<{ status: string }>(`SELECT status FROM "Import" ORDER BY "createdAt" DESC LIMIT 1`);
    if (rows[0]?.status === "completed") break;
    await sleep(1500 + Math.random() * 1500);
    await kill();
    importKills++;
  }

  const edits = editBatch("edit", EDITS);
  const burst = sendEdits(client, edits);
  let editKills = 0;
  while (editKills < KILLS && burst.started() < edits.length) {
    await sleep(400 + Math.random() * 600);
    await kill();
    editKills++;
  }
  const answers = await burst.results;
  const accepted = acceptedEdits(edits, answers);

  const outcome = await settle(stack, client.email, 300_000);
  return report(
    "worker-kill",
    { transactions: file.count + accepted.count, sumMinor: file.sumMinor + accepted.sumMinor },
    outcome,
    [
      ["SIGKILLs during the import / the edits", `${importKills} / ${editKills}`],
      ["edits answered 201", `${accepted.count} of ${EDITS}`],
    ],
  );
});
