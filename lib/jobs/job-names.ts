// The job types, by name: the one list the web side needs (the job filter, the admin's queue
// table, the worker's WORKER_QUEUES check) without loading any processor. Each name has one
// definition in lib/jobs/<name>.ts, listed in lib/worker/job-registry.ts (which fails to compile
// when a name here has none).

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
  transferMatching: "transfer-matching",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUE);

export function isQueueName(value: string): value is QueueName {
  return (ALL_QUEUES as readonly string[]).includes(value);
}
