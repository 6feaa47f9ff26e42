import { z } from "zod";
import { markRuleApplicationFailed, runRuleApplication, runRuleUndo } from "../rules/rule-applications";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// rule-apply: re-categorize the existing transactions a rule takes (action "apply"), or put
// back exactly what an application changed (action "undo"). Batches of 1,000 rows, each with
// its summary run; the application row says where it stands.
export const ruleApplyJob = defineJob({
  name: QUEUE.ruleApply,
  payload: z.object({
    userId: z.string().min(1),
    applicationId: z.string().min(1),
    action: z.enum(["apply", "undo"]),
  }),
  concurrency: 2,
  // One batch (a page read, 1,000 rule tests, one transaction) takes well under a second.
  lockDurationMs: 60_000,
  process: ({ userId, applicationId, action }, ctx) =>
    action === "apply" ? runRuleApplication(userId, applicationId, ctx) : runRuleUndo(userId, applicationId, ctx),
  onFailed: ({ applicationId, action }) => markRuleApplicationFailed(applicationId, action),
});
