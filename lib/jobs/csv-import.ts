import { z } from "zod";
import { requestBudgetReprocessing } from "../budgets/request-processing";
import { PermanentJobError } from "../errors";
import { runCsvImport } from "../imports/run-import";
import { runUndoImport } from "../imports/undo-import";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";

const payloadSchema = z.object({
  userId: z.string().min(1),
  importId: z.string().min(1),
  kind: z.enum(["import", "undo"]).default("import"),
});

// csv-import: import a confirmed upload (or undo one: kind "undo"). Ids only; the file and
// its mapping are read from the Import row.
export async function processCsvImport(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("csv-import payload needs userId and importId");
  const { userId, importId, kind } = parsed.data;
  if (kind === "undo") return runUndoImport(userId, importId, ctx);
  const outcome = await runCsvImport(userId, importId, ctx);
  // The new rows may belong to budgets. (An undo needs no run: deleting a transaction deletes
  // its budget links.)
  if (outcome.result.importedCount > 0) await requestBudgetReprocessing(userId);
  return outcome;
}
