import { z } from "zod";
import { requestBudgetReprocessing } from "../budgets/request-processing";
import { runCsvImport } from "../imports/run-import";
import { runUndoImport } from "../imports/undo-import";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// csv-import: import a confirmed upload (or undo one: kind "undo"). Ids only; the file and
// its mapping are read from the Import row.
export const csvImportJob = defineJob({
  name: QUEUE.csvImport,
  payload: z.object({
    userId: z.string().min(1),
    importId: z.string().min(1),
    kind: z.enum(["import", "undo"]).default("import"),
  }),
  concurrency: 3,
  // Batches of a few thousand rows: parse and insert steps stay well under a second.
  lockDurationMs: 60_000,
  async process({ userId, importId, kind }, ctx) {
    if (kind === "undo") return runUndoImport(userId, importId, ctx);
    const outcome = await runCsvImport(userId, importId, ctx);
    // The new rows may belong to budgets. (An undo needs no run: deleting a transaction deletes
    // its budget links.)
    if (outcome.result.importedCount > 0) await requestBudgetReprocessing(userId);
    return outcome;
  },
});
