import { z } from "zod";
import { PermanentJobError } from "../errors";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";
import { deliverWebhookAttempt } from "../webhooks/deliver-webhook";

const payloadSchema = z.object({ deliveryId: z.string().min(1), attempt: z.number().int().positive() });

const MESSAGE = {
  succeeded: (o: { status: number }) => `Delivered (HTTP ${o.status})`,
  retrying: (o: { error: string; nextAttemptAt: Date }) => `Failed (${o.error}); next attempt ${o.nextAttemptAt.toISOString()}`,
  failed: (o: { error: string }) => `Gave up: ${o.error}`,
  skipped: (o: { reason: string }) => `Nothing to do: ${o.reason}`,
};

// webhook-delivery: one attempt of one signed POST; a failed attempt schedules the next itself.
export async function processWebhookDelivery(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError("webhook-delivery payload needs deliveryId and attempt");
  await ctx.progress(10, "Sending");
  const outcome = await deliverWebhookAttempt(parsed.data.deliveryId, parsed.data.attempt);
  return { result: outcome, message: (MESSAGE[outcome.kind] as (o: typeof outcome) => string)(outcome) };
}
