import { db } from "../../lib/db";
import { createJobRow } from "../../lib/queue/background-jobs";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { QUEUE, type QueueName } from "../../lib/jobs/job-names";
import { getQueue } from "../../lib/queue/queues";
import { createBullProcessor, type Processor } from "../../lib/queue/run-job";

// Framework tests run their own processors, through the real wrapper, on a real queue
// (one that no worker in those test files serves, so nothing competes for its jobs). Its
// jobs go to the Bull queue that carries the type (importing job-names installs the routes).
export const TEST_QUEUE: QueueName = QUEUE.notification;

export function serveTestQueue(processor: Processor, concurrency = 1): void {
  void getQueue(TEST_QUEUE).process("*", concurrency, createBullProcessor(TEST_QUEUE, processor));
}

export async function enqueueTestJob(userId: string, payload: Record<string, unknown> = {}, runAfter?: Date) {
  const row = await db().$transaction((tx) => createJobRow(tx, { type: TEST_QUEUE, userId, payload, runAfter }));
  await dispatchJob({ id: row.id, type: TEST_QUEUE, userId, runAfter: row.runAfter });
  return row;
}
