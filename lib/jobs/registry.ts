import { env } from "../env";
import { QUEUE, type QueueName } from "../queue/names";
import type { Processor } from "../queue/run-job";
import { processFinancialSummary } from "./financial-summary";

export interface JobDefinition {
  queue: QueueName;
  processor: Processor;
  concurrency: () => number;
}

/** Every queue the worker can serve, with its processor and concurrency. */
export const JOB_DEFINITIONS: Record<QueueName, JobDefinition> = {
  [QUEUE.financialSummary]: {
    queue: QUEUE.financialSummary,
    processor: processFinancialSummary,
    concurrency: () => env().WORKER_CONCURRENCY_FINANCIAL_SUMMARY,
  },
};
