import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { QUEUE } from "../../lib/jobs/job-names";
import { getQueue } from "../../lib/queue/queues";
import { createTransaction } from "../../lib/transactions/transactions";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { connectPg } from "../helpers/pg";
import { spawnWorker } from "../helpers/worker-process";

let env: IntegrationEnv;
let pgClient: pg.Client;

beforeAll(async () => {
  env = await setupIntegration("workerproc");
  pgClient = await connectPg(env.databaseUrl);
});

afterAll(async () => {
  await pgClient?.end();
  await env?.teardown();
});

const today = new Date().toISOString().slice(0, 10);

describe("the worker process", () => {
  it("on SIGTERM takes no new jobs, finishes the running one and exits 0", async () => {
    const worker = spawnWorker();
    try {
      await waitFor("the worker to be ready", async () => worker.output().includes("[worker] ready"), 30_000);
      const user = await createUser("sigterm");

      // Hold the running job mid-recompute (it waits on the FinancialSummary table).
      await pgClient.query("BEGIN");
      await pgClient.query('LOCK TABLE "FinancialSummary" IN ACCESS EXCLUSIVE MODE');
      const { jobId } = await createTransaction(user.id, { date: today, description: "Rent", amount: -120000n });
      await waitFor("the job to be running", async () => {
        const job = await db().backgroundJob.findUnique({ where: { id: jobId } });
        return job?.status === "running";
      });

      worker.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      expect(worker.child.exitCode).toBeNull();

      // A job added after SIGTERM is left for another worker.
      const laterUser = await createUser("later");
      const { jobId: laterJob } = await createTransaction(laterUser.id, { date: today, description: "Later", amount: -1n });

      await pgClient.query("COMMIT");
      expect(await worker.exited).toBe(0);
      expect((await waitForJob(jobId)).status).toBe("completed");
      // …still pending, and waiting (or delayed by the debounce) in Bull for the next worker (under its own id, or handed back
      // under a new one when the closing worker's blocking fetch had already taken it).
      const later = await db().backgroundJob.findUniqueOrThrow({ where: { id: laterJob } });
      expect(later.status).toBe("pending");
      const waiting = await getQueue(QUEUE.financialSummary).getJob(later.queueJobId!);
      expect(["waiting", "delayed"]).toContain(await waiting?.getState());
      expect(worker.output()).toContain("SIGTERM");
    } finally {
      await pgClient.query("ROLLBACK").catch(() => undefined);
      if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    }
  });
});
