// The Tallyboard worker: a long-running process that serves the Bull queues.
//   npm run build:worker && npm run start:worker      (production, compiled by tsc)
//   tsx scripts/processFinancialSummaryQueue.ts       (development)
// SIGTERM / SIGINT: stop taking jobs, finish the ones running, exit 0.

import { secretKeyProblem } from "../lib/crypto/secret-box";
import { disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { startWorker } from "../lib/worker/start-worker";

async function main(): Promise<void> {
  const config = env();
  // Said at start, not first at a delivery hours later: without the key, webhook deliveries
  // (which decrypt their endpoint's signing secret) fail until it is set.
  const keyProblem = config.NODE_ENV === "production" ? secretKeyProblem() : null;
  if (keyProblem) log.error(`[worker] ${keyProblem} Webhook deliveries will fail until it is set.`);
  const worker = await startWorker();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`[worker] ${signal}: taking no new jobs; finishing the running ones`);
    const deadline = setTimeout(() => {
      log.error(`[worker] running jobs did not finish within ${config.WORKER_SHUTDOWN_TIMEOUT_MS} ms; exiting`);
      process.exit(1);
    }, config.WORKER_SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    await worker.stop();
    await disconnectDb();
    log.info("[worker] stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  log.info({ pid: process.pid, queues: worker.queues }, "[worker] ready");
}

main().catch((err) => {
  log.fatal({ err: (err as Error).message }, "[worker] failed to start");
  process.exit(1);
});
