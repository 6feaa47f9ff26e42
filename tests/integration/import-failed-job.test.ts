import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { uploadImport } from "../../lib/imports/upload-import";
import { QUEUE } from "../../lib/jobs/job-names";
import { faultKey } from "../../lib/queue/fault-injection";
import { getRedis } from "../../lib/redis";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitFor, type IntegrationEnv } from "../helpers/integration";

// An import whose job fails for good before its run can say so (here every attempt fails at the
// start, through the fault-injection hook) used to stay "queued": the person was told "An import
// failed" and the import's page still said it was waiting.

let env: IntegrationEnv;
let worker: RunningWorker;

beforeAll(async () => {
  env = await setupIntegration("import-failed-job", { JOB_FAULT_INJECTION: "1", JOB_BACKOFF_MS: "50" });
  worker = await startWorker({ queues: [QUEUE.csvImport] });
});

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
});

describe("a csv-import job that fails for good", () => {
  it("marks its import failed with the reason, not queued forever", async () => {
    const user = await createUser("import-job-fails");
    await getRedis().set(faultKey(QUEUE.csvImport), "3");
    const upload = await uploadImport(user.id, {
      bytes: new TextEncoder().encode("Date,Description,Amount\n2026-11-02,Coffee,-3.20\n2026-11-03,Salary,100.00\n"),
      fileName: "bank.csv",
      autoConfirm: true,
    });
    if (!upload.started) throw new Error("the import did not start");
    const job = await waitFor("the job to fail for good", async () => {
      const j = await db().backgroundJob.findUnique({ where: { id: upload.jobId } });
      return j?.status === "failed" ? j : null;
    });
    expect(job.attempts).toBe(3);
    // onFailed runs once the job's row is failed (lib/queue/run-job.ts), so the import follows it.
    const row = await waitFor("the import to leave 'queued'", async () => {
      const r = await db().import.findUniqueOrThrow({ where: { id: upload.importId } });
      return r.status === "queued" ? null : r;
    });
    expect(row).toMatchObject({ status: "failed", importedCount: 0 });
    expect(row.error).toMatch(/^The import failed: .*Injected failure/);
    expect(await db().transaction.count({ where: { importId: upload.importId } })).toBe(0);
  });
});
