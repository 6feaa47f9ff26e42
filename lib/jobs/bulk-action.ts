import { z } from "zod";
import { markBulkActionFailed, runBulkAction, runBulkUndo } from "../transactions/bulk-actions";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// bulk-action: a bulk action on the transactions list over more rows than BULK_INLINE_LIMIT
// (op "apply"), or the undo of one that kept that many (op "undo"). Batches of 1,000 rows, one
// transaction each; the summary, budget and transfer runs once at the end.
export const bulkActionJob = defineJob({
  name: QUEUE.bulkAction,
  payload: z.object({
    userId: z.string().min(1),
    bulkActionId: z.string().min(1),
    op: z.enum(["apply", "undo"]),
  }),
  concurrency: 2,
  // One batch (a locked page of 1,000 rows, their record and update) takes well under a second.
  lockDurationMs: 60_000,
  process: ({ userId, bulkActionId, op }, ctx) => (op === "apply" ? runBulkAction(userId, bulkActionId, ctx) : runBulkUndo(userId, bulkActionId, ctx)),
  onFailed: ({ bulkActionId, op }) => markBulkActionFailed(bulkActionId, op),
});
