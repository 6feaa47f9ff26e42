import { z } from "zod";
import { defineJob } from "../queue/define-job";
import { deliverWebhookAttempt } from "../webhooks/deliver-webhook";
import { QUEUE } from "./job-names";

const MESSAGE = {
  succeeded: (o: { status: number }) => `Delivered (HTTP ${o.status})`,
  retrying: (o: { error: string; nextAttemptAt: Date }) => `Failed (${o.error}); next attempt ${o.nextAttemptAt.toISOString()}`,
  failed: (o: { error: string }) => `Gave up: ${o.error}`,
  skipped: (o: { reason: string }) => `Nothing to do: ${o.reason}`,
};

// webhook-delivery: one attempt of one signed POST (WEBHOOK_TIMEOUT_MS at most). One attempt
// per job: a failed attempt requests the next as a new job (deliver-webhook.ts), on a 24-hour
// schedule Bull's few quick retries would not cover.
export const webhookDeliveryJob = defineJob({
  name: QUEUE.webhookDelivery,
  payload: z.object({ userId: z.string().min(1), deliveryId: z.string().min(1), attempt: z.number().int().positive() }),
  concurrency: 5,
  lockDurationMs: 60_000,
  options: { attempts: 1 },
  async process({ deliveryId, attempt }, ctx) {
    await ctx.progress(10, "Sending");
    const outcome = await deliverWebhookAttempt(deliveryId, attempt);
    return { result: outcome, message: (MESSAGE[outcome.kind] as (o: typeof outcome) => string)(outcome) };
  },
});
