import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { generateStatement } from "../helpers/generate-statement";
import { importPool } from "../../lib/db";
import { uploadImport } from "../../lib/imports/upload-import";
import { QUEUE } from "../../lib/jobs/job-names";
import { startWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { spawnWorker } from "../helpers/worker-process";

let env: IntegrationEnv;

// Locks last 5% of their production length (csv-import: 3 s), so the killed worker's job is
// seen as stalled within seconds.
beforeAll(async () => {
  env = await setupIntegration("import-crash", { WORKER_LOCK_DURATION_FACTOR: "0.05" });
});

afterAll(async () => {
  await env?.teardown();
});

const ROWS = 150_000;

async function generated(rows: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of generateStatement(rows)) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe("a worker killed mid-import", () => {
  it("is resumed by another worker: the exact row count, nothing twice", async () => {
    const user = await createUser("import-sigkill");
    const killed = spawnWorker({ WORKER_QUEUES: QUEUE.csvImport });
    await waitFor("the worker to be ready", async () => killed.output().includes("[worker] ready"), 30_000);

    const upload = await uploadImport(user.id, { bytes: await generated(ROWS), fileName: "big.csv", autoConfirm: true });
    if (!upload.started) throw new Error("the import did not start");
    const importId = upload.importId;

    // Kill it once a good part of the file is in, well before the end.
    await waitFor(
      "rows to arrive",
      async () => {
        const row = await db().import.findUniqueOrThrow({ where: { id: importId } });
        return row.importedCount >= 20_000;
      },
      60_000,
      20,
    );
    killed.child.kill("SIGKILL");
    expect(await killed.exited).toBeNull();
    const partial = await db().transaction.count({ where: { importId } });
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    expect((await db().import.findUniqueOrThrow({ where: { id: importId } })).status).toBe("processing");

    const rescuer = await startWorker({ queues: [QUEUE.csvImport, QUEUE.financialSummary] });
    try {
      const job = await waitForJob(upload.jobId, ["completed"], 120_000);
      expect(job.attempts).toBe(2);
    } finally {
      await rescuer.stop();
    }

    const done = await db().import.findUniqueOrThrow({ where: { id: importId } });
    expect([done.status, done.totalRows, done.importedCount, done.duplicateCount, done.errorCount]).toEqual(["completed", ROWS, ROWS, 0, 0]);
    const { rows } = await importPool().query<{ n: string; fingerprints: string; lines: string }>(
      `SELECT count(*) AS n, count(DISTINCT fingerprint) AS fingerprints, count(DISTINCT "importLine") AS lines
         FROM "Transaction" WHERE "userId" = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({ n: String(ROWS), fingerprints: String(ROWS), lines: String(ROWS) });
    expect(await db().notification.count({ where: { userId: user.id, kind: "import_completed" } })).toBe(1);
    // The waits above allow 30 + 60 + 120 s on a loaded machine; the file's default (60 s) cut
    // this test off in CI while its import was still being resumed.
  }, 240_000);
});
