// bench/scale: many worker processes on the same queues. Starts 1, 2 and 4 compiled workers
// (dist/scripts) against a throwaway redis-server and a scratch schema, adds jobs and times
// them until every one has completed; then shows a WORKER_QUEUES split: one worker serving
// the bulk, receipts and maintenance queues, another user-data and delivery, each taking
// only its own.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test \
//     flock /tmp/tallyboard-heavy.lock npm run bench:scale [-- --jobs 3000 --no-build]
//
// The jobs are financial-summary jobs whose row does not exist: each one still goes through
// the whole path (Bull fetch, lock, the wrapper's claim in Postgres, completion), without the
// recompute, so the figure is the job machinery's throughput, not a domain's.

import { spawn, type ChildProcess } from "node:child_process";
import Queue from "bull";
import { JOB_QUEUE, QUEUE, type QueueName } from "../lib/jobs/job-names";
import { BENCH_ROOT as ROOT, startBenchStack, WORKER_JS } from "./start-bench-stack";
const JOBS = (() => {
  const i = process.argv.indexOf("--jobs");
  return i >= 0 ? Number(process.argv[i + 1]) : 3000;
})();

interface Worker {
  child: ChildProcess;
  output: () => string;
}

async function startWorker(env: NodeJS.ProcessEnv): Promise<Worker> {
  const child = spawn(process.execPath, ["--max-old-space-size=256", WORKER_JS], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (!output.includes("[worker] ready")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`worker did not start:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(
    workers.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve(null);
          child.once("exit", resolve);
          child.kill("SIGTERM");
        }),
    ),
  );
}

/** Adds `count` jobs to each queue and resolves once all of them have completed. */
async function runJobs(redisUrl: string, prefix: string, queues: QueueName[], count: number, tag: string): Promise<number> {
  // Job types share Bull queues: a job goes to its type's queue, named for its type.
  const producers = queues.map((type) => ({ type, q: new Queue(JOB_QUEUE[type], redisUrl, { prefix }) }));
  let completed = 0;
  await Promise.all(producers.map(({ q }) => q.on("global:completed", () => void completed++)));
  await new Promise((r) => setTimeout(r, 200));
  const started = performance.now();
  for (const { type, q } of producers) {
    for (let i = 0; i < count; i += 500) {
      await q.addBulk(
        Array.from({ length: Math.min(500, count - i) }, (_, k) => ({
          name: type,
          data: { backgroundJobId: `scale-${tag}-${type}-${i + k}` },
          opts: { jobId: `scale-${tag}-${type}-${i + k}`, removeOnComplete: true },
        })),
      );
    }
  }
  while (completed < count * queues.length) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(producers.map(({ q }) => q.close()));
  return seconds;
}

/** How many jobs of each queue a worker's log says it ran. */
function jobsByQueue(output: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of output.matchAll(/"queue":"([a-z-]+)","jobId":"scale-/g)) counts[m[1]] = (counts[m[1]] ?? 0) + 1;
  return counts;
}

async function main(): Promise<void> {
  const stack = await startBenchStack("scale");
  const { redis, prefix } = stack;
  const env = { ...process.env, DATABASE_URL: stack.databaseUrl, REDIS_URL: redis.url, BULL_PREFIX: prefix, LOG_LEVEL: "info" };
  try {
    console.log(`${JOBS} financial-summary jobs (row missing: claim + completion only), concurrency 5 per worker; ${new Date().toISOString()}`);
    let single = 0;
    for (const n of [1, 2, 4]) {
      const workers = await Promise.all(Array.from({ length: n }, () => startWorker(env)));
      const seconds = await runJobs(redis.url, prefix, [QUEUE.financialSummary], JOBS, `n${n}`);
      await stopWorkers(workers);
      const rate = Math.round(JOBS / seconds);
      if (n === 1) single = rate;
      const shares = workers.map((w) => jobsByQueue(w.output())[QUEUE.financialSummary] ?? 0).join(" / ");
      console.log(`${n} worker process${n > 1 ? "es" : ""}: ${rate} jobs/s (${(rate / single).toFixed(2)}×), jobs per worker ${shares}`);
    }

    const heavy = await startWorker({ ...env, WORKER_QUEUES: "bulk,receipts,maintenance" });
    const light = await startWorker({ ...env, WORKER_QUEUES: "user-data,delivery" });
    await runJobs(redis.url, prefix, [QUEUE.financialSummary, QUEUE.csvImport], 200, "split");
    await stopWorkers([heavy, light]);
    console.log(`WORKER_QUEUES=bulk,receipts,maintenance ran: ${JSON.stringify(jobsByQueue(heavy.output()))}`);
    console.log(`WORKER_QUEUES=user-data,delivery ran: ${JSON.stringify(jobsByQueue(light.output()))}`);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
