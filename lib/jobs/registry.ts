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
import { FORECAST_COMPUTE_SCHEDULE, processForecastCompute } from "./forecast-compute";
import { INSIGHT_GENERATION_SCHEDULE, processInsightGeneration } from "./insight-generation";
import { onReceiptOcrFailed, processReceiptOcr, stopReceiptOcr } from "./receipt-ocr";
import { processWebhookDelivery } from "./webhook-delivery";

export interface JobDefinition {
  processor: Processor;
  /** A repeatable schedule (cron, in SCHEDULE_TIMEZONE), registered by the worker. */
  schedule?: string;
  /** Called once the job has failed for good (last attempt or a permanent error). */
  onFailed?: (payload: unknown, error: string) => Promise<void>;
  /** Called when the worker stops, after its last job: release what the processor holds. */
  onStop?: () => Promise<void>;
}

/** Every queue's processor, and its repeatable schedule where it has one. */
export const JOB_DEFINITIONS: Partial<Record<QueueName, JobDefinition>> = {
  [QUEUE.financialSummary]: { processor: processFinancialSummary },
  [QUEUE.categorize]: { processor: processCategorize },
  [QUEUE.notification]: { processor: processNotification },
  [QUEUE.budgetProcessing]: { processor: processBudgetProcessing, onFailed: onBudgetProcessingFailed },
  // Daily 06:00: spending against every ready budget → insights.
  [QUEUE.budgetEvaluation]: { processor: processBudgetEvaluation, schedule: "0 6 * * *" },
  [QUEUE.csvImport]: { processor: processCsvImport },
  // Daily 03:00: spending spikes, category creep, recurring payments.
  [QUEUE.insightGeneration]: { processor: processInsightGeneration, schedule: INSIGHT_GENERATION_SCHEDULE },
  // Sunday 02:00: every user's spending forecast (also on demand).
  [QUEUE.forecastCompute]: { processor: processForecastCompute, schedule: FORECAST_COMPUTE_SCHEDULE },
  // Sunday 04:00: drop finished jobs and their logs past their retention.
  [QUEUE.dataCleanup]: { processor: processDataCleanup, schedule: "0 4 * * 0" },
  [QUEUE.webhookDelivery]: { processor: processWebhookDelivery },
  // Tesseract's worker threads are closed on stop (they would keep the process alive).
  [QUEUE.receiptOcr]: { processor: processReceiptOcr, onFailed: onReceiptOcrFailed, onStop: stopReceiptOcr },
};

export function concurrencyOf(name: QueueName): number {
  return (env() as unknown as Record<string, number>)[concurrencyEnvName(name)];
}
