import { z } from "zod";
import { failUnfinishedImport, runCsvImport } from "../imports/run-import";
import { runUndoImport } from "../imports/undo-import";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// csv-import: import a confirmed upload (or undo one: kind "undo"). Ids only; the file and
// its mapping are read from the Import row. What follows (summary, budgets, categorization)
// is the domain's: lib/transactions/record-transaction-change.ts.
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
  process: ({ userId, importId, kind }, ctx) => (kind === "undo" ? runUndoImport(userId, importId, ctx) : runCsvImport(userId, importId, ctx)),
  async onFailed({ userId, importId, kind }, error) {
    if (kind === "import") await failUnfinishedImport(userId, importId, error);
  },
});
