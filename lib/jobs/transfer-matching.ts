import { z } from "zod";
import { env } from "../env";
import { dateSchema } from "../transactions/transaction-schemas";
import { defineJob } from "../queue/define-job";
import { matchUserTransfers } from "../transfers/match-user-transfers";
import { QUEUE } from "./job-names";

// transfer-matching: pair the two sides of transfers between a user's own accounts among the
// rows a change touched (lib/transfers/match-user-transfers.ts). Requested by
// recordTransactionChange after every import and edit. Coalesced per user like the summary:
// while a run is pending, later changes attach to it and widen its date range to cover theirs;
// it starts once the user's changes have been quiet SUMMARY_DEBOUNCE_MS (at the latest
// SUMMARY_MAX_WAIT_MS after the first), so an import's burst costs one run. Safe to run twice:
// a run pairs only free rows and writes nothing when nothing new pairs.
export const transferMatchingJob = defineJob({
  name: QUEUE.transferMatching,
  payload: z.object({ userId: z.string().min(1), from: dateSchema, to: dateSchema }),
  concurrency: 2,
  lockDurationMs: 60_000,
  coalesce: ({ userId, from, to }) => ({
    key: `${QUEUE.transferMatching}:${userId}`,
    debounce: { debounceMs: env().SUMMARY_DEBOUNCE_MS, maxWaitMs: env().SUMMARY_MAX_WAIT_MS },
    widenRange: { fromField: "from", toField: "to", from, to },
  }),
  async process({ userId, from, to }, ctx) {
    await ctx.progress(10, "Matching transfers…");
    const started = Date.now();
    const outcome = await matchUserTransfers(userId, { from, to });
    ctx.itemDone(outcome.linked);
    const ms = Date.now() - started;
    await ctx.log("info", `user ${userId}: ${outcome.linked} transfer(s) paired, ${outcome.unlinked} undone, ${outcome.scanned} rows read (${outcome.from ?? "-"}…${outcome.to ?? "-"}) in ${ms} ms`);
    return {
      result: { ...outcome, ms },
      message: outcome.linked === 0 ? "No new transfers" : `Paired ${outcome.linked} transfer${outcome.linked === 1 ? "" : "s"}`,
    };
  },
});
