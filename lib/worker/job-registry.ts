import { budgetEvaluationJob } from "../jobs/budget-evaluation";
import { budgetProcessingJob } from "../jobs/budget-processing";
import { categorizeJob } from "../jobs/categorize";
import { csvImportJob } from "../jobs/csv-import";
import { dataCleanupJob } from "../jobs/data-cleanup";
import { financialSummaryJob } from "../jobs/financial-summary";
import { forecastComputeJob } from "../jobs/forecast-compute";
import { insightGenerationJob } from "../jobs/insight-generation";
import type { QueueName } from "../jobs/job-names";
import { notificationJob } from "../jobs/notification";
import { receiptOcrJob } from "../jobs/receipt-ocr";
import { ruleApplyJob } from "../jobs/rule-apply";
import { bulkActionJob } from "../jobs/bulk-action";
import { transferMatchingJob } from "../jobs/transfer-matching";
import { webhookDeliveryJob } from "../jobs/webhook-delivery";
import type { RunnableJob } from "../queue/define-job";

// The composition root's list: every job type's definition, for the worker. Adding a type is
// its file in lib/jobs/, its name in lib/jobs/job-names.ts and one line here; this map does
// not compile while a name has no definition, or a definition sits under another's name.

export const JOB_DEFINITIONS: { [Name in QueueName]: RunnableJob & { name: Name } } = {
  "financial-summary": financialSummaryJob,
  "csv-import": csvImportJob,
  categorize: categorizeJob,
  "budget-processing": budgetProcessingJob,
  "budget-evaluation": budgetEvaluationJob,
  "insight-generation": insightGenerationJob,
  "forecast-compute": forecastComputeJob,
  notification: notificationJob,
  "data-cleanup": dataCleanupJob,
  "receipt-ocr": receiptOcrJob,
  "webhook-delivery": webhookDeliveryJob,
  "rule-apply": ruleApplyJob,
  "bulk-action": bulkActionJob,
  "transfer-matching": transferMatchingJob,
};
