import { db } from "../db";
import { deleteInBatches } from "./delete-in-batches";

// A rule applied to existing transactions keeps each changed row's previous category
// (RuleApplicationChange) so Undo can put it back. That record is kept this long, then deleted
// with its rows (the cascade): after a month the rows have usually been edited since, and a
// rule applied to a 1,000,000-row history would otherwise keep a million rows forever. An
// application still applying or undoing is never touched.
export const RULE_APPLICATION_RETENTION_MS = 30 * 24 * 3600 * 1000;
const BATCH = 100;

export function cleanOldRuleApplications(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - RULE_APPLICATION_RETENTION_MS);
  return deleteInBatches(
    BATCH,
    (take) =>
      db().ruleApplication.findMany({
        where: { createdAt: { lt: cutoff }, status: { in: ["applied", "undone", "failed"] } },
        select: { id: true },
        orderBy: { createdAt: "asc" },
        take,
      }),
    (ids) => db().ruleApplication.deleteMany({ where: { id: { in: ids } } }),
  );
}
