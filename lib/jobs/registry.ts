import { env } from "../env";
import { concurrencyEnvName, QUEUE, type QueueName } from "../queue/names";
import type { Processor } from "../queue/run-job";
import { processCategorize } from "./categorize";
import { processDataCleanup } from "./data-cleanup";
import { processFinancialSummary } from "./financial-summary";
import { FORECAST_COMPUTE_SCHEDULE, processForecastCompute } from "./forecast-compute";
import { INSIGHT_GENERATION_SCHEDULE, processInsightGeneration } from "./insight-generation";

export interface JobDefinition {
  processor: Processor;
  /** A repeatable schedule (cron, in SCHEDULE_TIMEZONE), registered by the worker. */
  schedule?: string;
}

/**
 * The queues a worker can serve, with their processors. A queue of QUEUE that is not here
 * yet has no processor in this version; the worker says so and leaves it alone.
 */
export const JOB_DEFINITIONS: Partial<Record<QueueName, JobDefinition>> = {
  [QUEUE.financialSummary]: { processor: processFinancialSummary },
  [QUEUE.categorize]: { processor: processCategorize },
  // Sunday 04:00: drop finished jobs and their logs past their retention.
  [QUEUE.insightGeneration]: { processor: processInsightGeneration, schedule: INSIGHT_GENERATION_SCHEDULE },
  [QUEUE.forecastCompute]: { processor: processForecastCompute, schedule: FORECAST_COMPUTE_SCHEDULE },
  [QUEUE.dataCleanup]: { processor: processDataCleanup, schedule: "0 4 * * 0" },
};

export function concurrencyOf(name: QueueName): number {
  return (env() as unknown as Record<string, number>)[concurrencyEnvName(name)];
}
