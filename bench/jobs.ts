// bench/jobs: 20,000 no-op jobs through the whole job framework (BackgroundJob row written in
// the outbox, Bull job added after commit, claim, progress, completion) against raw Bull
// processing the same no-op jobs, in the same run, at the same concurrency.
//
//   DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379 \
//     npm run bench:jobs [-- --jobs 20000 --concurrency 5]
//
// Goal: framework / raw ≥ 0.3, raw Bull ≥ 2,000 jobs/s. Works in a scratch schema and prefix.

import { randomBytes, randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import Queue from "bull";
import { db, disconnectDb } from "../lib/db";
import { resetEnvCache } from "../lib/env";
import { applyMigrations, dropSchema } from "../lib/migrate/apply-migrations";
import { withSchemaParam } from "../lib/migrate/schema-engine";
import { QUEUE } from "../lib/jobs/job-names";
import { closeQueues, getQueue } from "../lib/queue/queues";
import { createBullProcessor, settleCompletionWrites } from "../lib/queue/run-job";
import { createBullRedisClient } from "../lib/redis";
import { deleteRedisPrefix } from "../tests/helpers/integration";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const JOBS = arg("jobs", 20_000);
const CONCURRENCY = arg("concurrency", 5);
const BATCH = 1000;
// --profile <file>: a CPU profile of the framework's processing phase (open it in Chrome DevTools).
const PROFILE = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;

function waitUntil(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (done()) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
}

async function rawBull(redisUrl: string, prefix: string): Promise<{ enqueueS: number; processS: number }> {
  const clients: ReturnType<typeof createBullRedisClient>[] = [];
  const queue = new Queue("raw-noop", {
    prefix,
    createClient: (type) => {
      const client = createBullRedisClient(redisUrl, type);
      clients.push(client);
      return client;
    },
    defaultJobOptions: { removeOnComplete: 100 },
  });
  let t = performance.now();
  for (let i = 0; i < JOBS; i += BATCH) {
    await queue.addBulk(Array.from({ length: Math.min(BATCH, JOBS - i) }, (_, k) => ({ data: { n: i + k } })));
  }
  const enqueueS = (performance.now() - t) / 1000;
  let done = 0;
  t = performance.now();
  void queue.process(CONCURRENCY, async () => {
    done++;
  });
  await waitUntil(() => done >= JOBS);
  const processS = (performance.now() - t) / 1000;
  await queue.close();
  clients.forEach((c) => c.disconnect());
  return { enqueueS, processS };
}

async function framework(): Promise<{ enqueueS: number; processS: number }> {
  // A queue with no processor of its own in this version, served here by a no-op processor
  // through the real wrapper: claim, progress, counters, completion.
  const type = QUEUE.notification;
  const queue = getQueue(type);
  let t = performance.now();
  for (let i = 0; i < JOBS; i += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, JOBS - i) }, () => randomUUID());
    // The outbox: rows first (one statement per batch), then the Bull jobs, ids only.
    await db().backgroundJob.createMany({
      data: ids.map((id) => ({ id, type, payload: { backgroundJobId: id }, queueJobId: id })),
    });
    await queue.addBulk(ids.map((id) => ({ name: type, data: { backgroundJobId: id }, opts: { jobId: id } })));
  }
  const enqueueS = (performance.now() - t) / 1000;
  let done = 0;
  t = performance.now();
  const processor = createBullProcessor(type, async (_payload, ctx) => {
    await ctx.progress(50, "Half way");
    ctx.itemDone();
    done++;
    return { result: null, message: "Done" };
  });
  const session = PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  void queue.process("*", CONCURRENCY, processor);
  await waitUntil(() => done >= JOBS);
  // Completion is written after the processor returns: wait for the rows too.
  for (;;) {
    const open = await db().backgroundJob.count({ where: { status: { not: "completed" } } });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const processS = (performance.now() - t) / 1000;
  if (session && PROFILE) {
    const { profile } = await session.post("Profiler.stop");
    await writeFile(PROFILE, JSON.stringify(profile));
    session.disconnect();
  }
  return { enqueueS, processS };
}

async function main() {
  const base = process.env.DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/test";
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const id = randomBytes(4).toString("hex");
  const schema = `bench_jobs_${id}`;
  const prefix = `bench-jobs-${id}`;
  const url = withSchemaParam(base, schema);
  Object.assign(process.env, { DATABASE_URL: url, REDIS_URL: redisUrl, BULL_PREFIX: prefix, LOG_LEVEL: "warn" });
  resetEnvCache();
  await applyMigrations(url);
  try {
    const raw = await rawBull(redisUrl, prefix);
    const ours = await framework();
    const rate = (s: number) => Math.round(JOBS / s);
    console.log(`${JOBS.toLocaleString("en-US")} no-op jobs, concurrency ${CONCURRENCY}`);
    console.log(`raw Bull:  enqueue ${rate(raw.enqueueS)} jobs/s, process ${rate(raw.processS)} jobs/s`);
    console.log(`framework: enqueue ${rate(ours.enqueueS)} jobs/s, process ${rate(ours.processS)} jobs/s (row, claim, progress, completion)`);
    console.log(`ratio framework / raw (processing): ${(raw.processS / ours.processS).toFixed(2)} (goal >= 0.3)`);
    const rows = await db().backgroundJob.count({ where: { status: "completed", progress: 100, processedCount: 1 } });
    console.log(`rows completed with progress 100 and processedCount 1: ${rows}/${JOBS}`);
  } finally {
    await closeQueues();
    await settleCompletionWrites();
    await disconnectDb();
    await deleteRedisPrefix(redisUrl, prefix);
    await dropSchema(base, schema);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
