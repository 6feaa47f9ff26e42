import { routeJobTypes } from "../queue/queue-routes";

// The job types, by name: the one list the web side needs (the job filter, the admin's queue
// table, the worker's WORKER_QUEUES check) without loading any processor. Each name has one
// definition in lib/jobs/<name>.ts, listed in lib/worker/job-registry.ts (which fails to compile
// when a name here has none), and one line in JOB_QUEUE below (which fails to compile without it).

export const QUEUE = {
  financialSummary: "financial-summary",
  csvImport: "csv-import",
  categorize: "categorize",
  budgetProcessing: "budget-processing",
  budgetEvaluation: "budget-evaluation",
  insightGeneration: "insight-generation",
  forecastCompute: "forecast-compute",
  notification: "notification",
  dataCleanup: "data-cleanup",
  receiptOcr: "receipt-ocr",
  webhookDelivery: "webhook-delivery",
  ruleApply: "rule-apply",
  transferMatching: "transfer-matching",
  bulkAction: "bulk-action",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUE);

export function isQueueName(value: string): value is QueueName {
  return (ALL_QUEUES as readonly string[]).includes(value);
}

/**
 * The Bull queues, by kind. Each queue a worker serves holds one blocking Redis connection, so
 * job types share these few queues (a job's Bull name is its type) and a worker's connections
 * do not grow with the number of types: the queues here plus one shared command connection and
 * one shared subscriber. A worker serves whole queues (WORKER_QUEUES may name a queue or a type;
 * a type brings its queue), and within a queue each type keeps its own concurrency and lock.
 */
export const BULL_QUEUES = {
  /**
   * Quick recomputes of one user's data after a change (coalesced, seconds at most). Nothing
   * that can run long goes here: a job at its type's limit holds a fetch loop of the queue
   * while it waits (lib/queue/type-slots.ts), so a backlog of slow jobs would hold up the
   * summaries behind it.
   */
  userData: "user-data",
  /** Work over many of a user's rows, minutes at most: statement imports, categorize runs (and rule applies, bulk edits). */
  bulk: "bulk",
  /** Receipt OCR: heavy on memory (tesseract workers); a machine of their own at scale. */
  receipts: "receipts",
  /** Messages out: in-app and e-mail notifications, webhooks. */
  delivery: "delivery",
  /** Scheduled sweeps over every user, and the forecast. */
  maintenance: "maintenance",
} as const;

export type BullQueueName = (typeof BULL_QUEUES)[keyof typeof BULL_QUEUES];

export const ALL_BULL_QUEUES: readonly BullQueueName[] = Object.values(BULL_QUEUES);

/** Which Bull queue carries each job type: a new type is one line here (docs/architecture.md). */
export const JOB_QUEUE = {
  "financial-summary": "user-data",
  "budget-processing": "user-data",
  "csv-import": "bulk",
  categorize: "bulk",
  "rule-apply": "bulk",
  "bulk-action": "bulk",
  // Usually a few days' rows, but a whole history after some changes: not on user-data.
  "transfer-matching": "bulk",
  "receipt-ocr": "receipts",
  notification: "delivery",
  "webhook-delivery": "delivery",
  "budget-evaluation": "maintenance",
  "insight-generation": "maintenance",
  "forecast-compute": "maintenance",
  "data-cleanup": "maintenance",
} as const satisfies Record<QueueName, BullQueueName>;

routeJobTypes(JOB_QUEUE);

export function isBullQueueName(value: string): value is BullQueueName {
  return (ALL_BULL_QUEUES as readonly string[]).includes(value);
}

/** The job types a Bull queue carries. */
export function jobTypesOfBullQueue(queue: BullQueueName): QueueName[] {
  return ALL_QUEUES.filter((type) => JOB_QUEUE[type] === queue);
}
