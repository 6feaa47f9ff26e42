import { env } from "../env";
import { concurrencyEnvName, QUEUE, type QueueName } from "../queue/names";
import type { Processor } from "../queue/run-job";
import { processBudgetEvaluation } from "./budget-evaluation";
import { onBudgetProcessingFailed, processBudgetProcessing } from "./budget-processing";
import { processCategorize } from "./categorize";
import { processCsvImport } from "./csv-import";
import { processDataCleanup } from "./data-cleanup";
import { processFinancialSummary } from "./financial-summary";
import { processNotification } from "./notification";

export interface JobDefinition {
  processor: Processor;
  /** A repeatable schedule (cron, in SCHEDULE_TIMEZONE), registered by the worker. */
  schedule?: string;
  /** Called once the job has failed for good (last attempt or a permanent error). */
  onFailed?: (payload: unknown, error: string) => Promise<void>;
}

/**
 * The queues a worker can serve, with their processors. A queue of QUEUE that is not here
 * yet has no processor in this version; the worker says so and leaves it alone.
 */
export const JOB_DEFINITIONS: Partial<Record<QueueName, JobDefinition>> = {
  [QUEUE.financialSummary]: { processor: processFinancialSummary },
  [QUEUE.categorize]: { processor: processCategorize },
  [QUEUE.notification]: { processor: processNotification },
  [QUEUE.budgetProcessing]: { processor: processBudgetProcessing, onFailed: onBudgetProcessingFailed },
  // Daily 06:00: spending against every ready budget → insights.
  [QUEUE.budgetEvaluation]: { processor: processBudgetEvaluation, schedule: "0 6 * * *" },
  [QUEUE.csvImport]: { processor: processCsvImport },
  // Sunday 04:00: drop finished jobs and their logs past their retention.
  [QUEUE.dataCleanup]: { processor: processDataCleanup, schedule: "0 4 * * 0" },
};

export function concurrencyOf(name: QueueName): number {
  return (env() as unknown as Record<string, number>)[concurrencyEnvName(name)];
}
