import { z } from "zod";
import { runCategorize } from "../categorize/run-categorization";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// categorize: payee lookup or classification over the user's chosen transactions (all of
// them without a payee or category, the given ids, or the rows one import added).
export const categorizeJob = defineJob({
  name: QUEUE.categorize,
  payload: z.object({
    userId: z.string().min(1),
    kind: z.enum(["payee_lookup", "classification"]),
    transactionIds: z.array(z.string()).optional(),
    importId: z.string().min(1).optional(),
    limit: z.number().int().positive().optional(),
  }),
  concurrency: 2,
  // An LLM request can take tens of seconds.
  lockDurationMs: 120_000,
  process: ({ userId, ...request }, ctx) => runCategorize(userId, request, ctx),
});
