import { openSecret } from "../crypto/secret-box";
import { db } from "../db";
import { env } from "../env";
import { PermanentJobError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { webhookDeliveryJob } from "../jobs/webhook-delivery";
import { log } from "../log";
import { createNotification } from "../notifications/notifications";
import type { RequestedJob } from "../queue/define-job";
import { parseAllowedCidrs } from "./check-address";
import { ENDPOINT_SECRET_PURPOSE } from "./sign-payload";
import { sendWebhook, type WebhookRequest, type WebhookResponse } from "./send-webhook";

// One attempt of one delivery (the webhook-delivery job's work). A failed attempt schedules
// the next one itself, backing off, until 24 hours after the event; an endpoint whose
// deliveries have failed for a whole day is disabled and its owner notified.

export const RETRY_WINDOW_MS = 24 * 3600_000;
/** Waits after attempt 1, 2, … (the last repeats), cut to the end of the window. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 8 * 3600_000];

export type AttemptOutcome =
  | { kind: "succeeded"; status: number }
  | { kind: "retrying"; error: string; nextAttemptAt: Date }
  | { kind: "failed"; error: string; endpointDisabled: boolean }
  | { kind: "skipped"; reason: string };

/** The body every endpoint receives for an event. */
export function webhookBody(event: { id: string; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

/** When the attempt after `attempt` runs, or null when the window is over. */
export function nextAttemptTime(attempt: number, eventCreatedAt: Date, now: Date): Date | null {
  const deadline = eventCreatedAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= deadline) return null;
  const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length) - 1];
  return new Date(Math.min(now.getTime() + delay, deadline));
}

export interface AttemptOptions {
  now?: () => Date;
  /** Tests: a resolver that makes names point inward. */
  resolve?: WebhookRequest["resolve"];
}

export async function deliverWebhookAttempt(deliveryId: string, attempt: number, options: AttemptOptions = {}): Promise<AttemptOutcome> {
  const now = options.now ?? (() => new Date());
  const delivery = await db().webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, event: true } });
  if (!delivery) throw new PermanentJobError(`webhook delivery ${deliveryId} is gone`);
  // A duplicate or late job of an attempt that already ran, or a finished delivery.
  if (delivery.attempts >= attempt || delivery.status === "succeeded" || delivery.status === "failed") {
    return { kind: "skipped", reason: `delivery ${deliveryId} is ${delivery.status} after ${delivery.attempts} attempt(s)` };
  }
  const { endpoint, event } = delivery;
  if (!endpoint.enabled) {
    await db().webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed", error: "endpoint disabled", nextAttemptAt: null } });
    return { kind: "failed", error: "endpoint disabled", endpointDisabled: true };
  }

  const config = env();
  const response = await sendWebhook({
    url: endpoint.url,
    secret: openSecret(endpoint.secret, ENDPOINT_SECRET_PURPOSE),
    body: webhookBody(event),
    allowed: parseAllowedCidrs(config.WEBHOOK_ALLOWED_CIDRS),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    resolve: options.resolve,
  });
  const at = now();
  if (response.ok) {
    await db().$transaction([
      db().webhookDelivery.update({
        where: { id: deliveryId },
        data: { status: "succeeded", attempts: attempt, responseStatus: response.status, error: null, durationMs: response.durationMs, lastAttemptAt: at, nextAttemptAt: null },
      }),
      db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } }),
    ]);
    return { kind: "succeeded", status: response.status };
  }
  return recordFailure(delivery, attempt, response, at);
}

type LoadedDelivery = Prisma.WebhookDeliveryGetPayload<{ include: { endpoint: true; event: true } }>;

async function recordFailure(
  delivery: LoadedDelivery,
  attempt: number,
  response: Extract<WebhookResponse, { ok: false }>,
  at: Date,
): Promise<AttemptOutcome> {
  const { endpoint, event } = delivery;
  const failingSince = endpoint.failingSince ?? at;
  const disable = at.getTime() - failingSince.getTime() >= RETRY_WINDOW_MS;
  const next = disable ? null : nextAttemptTime(attempt, event.createdAt, at);
  const attemptData = { attempts: attempt, responseStatus: response.status, error: response.error, durationMs: response.durationMs, lastAttemptAt: at };

  const jobs: RequestedJob[] = await db().$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: { ...attemptData, status: next ? "retrying" : "failed", nextAttemptAt: next },
    });
    if (!disable) {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
      return next ? [await webhookDeliveryJob.request(tx, { userId: endpoint.userId, deliveryId: delivery.id, attempt: attempt + 1 }, { runAfter: next })] : [];
    }
    const reason = `Disabled ${at.toISOString().slice(0, 16).replace("T", " ")} UTC: every delivery failed for 24 hours (last: ${response.error})`;
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { enabled: false, disabledReason: reason } });
    // Its other waiting deliveries end here too: the next attempt of each sees the endpoint off.
    return [];
  });
  await webhookDeliveryJob.dispatch(jobs);

  if (disable) {
    await createNotification({
      userId: endpoint.userId,
      kind: "webhook_disabled",
      title: "A webhook endpoint was turned off",
      body: `${endpoint.url} failed every delivery for a day (last: ${response.error}). Fix it, then turn it on again in Settings.`,
      link: "/dashboard/settings/notifications#webhooks",
    });
    log.warn({ endpointId: endpoint.id, userId: endpoint.userId }, `[webhook-delivery] endpoint ${endpoint.id} disabled after a day of failures`);
    return { kind: "failed", error: response.error, endpointDisabled: true };
  }
  return next ? { kind: "retrying", error: response.error, nextAttemptAt: next } : { kind: "failed", error: response.error, endpointDisabled: false };
}
