import { z } from "zod";
import { evaluateUserBudgets, usersWithReadyBudgets } from "../budgets/evaluate-budgets";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

// budget-evaluation: daily (06:00) for every user with a ready budget (no userId: the
// schedule, or an on-demand run for everyone), or on demand for one user: spending against
// each budget → budget_exceeded / budget_warning / budget_projection insights. One user's
// failure is counted and the run goes on with the others.
export const budgetEvaluationJob = defineJob({
  name: QUEUE.budgetEvaluation,
  payload: z.object({ userId: z.string().min(1).optional() }),
  concurrency: 5,
  lockDurationMs: 60_000,
  schedule: "0 6 * * *",
  async process({ userId }, ctx) {
    const users = userId ? [userId] : await usersWithReadyBudgets();
    const totals = { users: users.length, budgets: 0, insights: 0, created: 0, removed: 0, notified: 0, failed: 0 };
    for (const [i, id] of users.entries()) {
      await ctx.throwIfCancelled();
      try {
        const o = await evaluateUserBudgets(id);
        totals.budgets += o.budgets;
        totals.insights += o.insights;
        totals.created += o.created;
        totals.removed += o.removed;
        totals.notified += o.notified;
        ctx.itemDone();
      } catch (err) {
        // A single user asked for: fail (and retry) the job rather than report success.
        if (userId) throw err;
        totals.failed += 1;
        ctx.itemFailed(id, (err as Error).message);
      }
      await ctx.progress(((i + 1) / users.length) * 100, `Evaluated ${i + 1}/${users.length} users`);
    }
    return {
      result: totals,
      message: `Evaluated ${totals.budgets} budget${totals.budgets === 1 ? "" : "s"} of ${totals.users} user${totals.users === 1 ? "" : "s"}: ${totals.created} new insight${totals.created === 1 ? "" : "s"}, ${totals.insights - totals.created} updated`,
    };
  },
});
