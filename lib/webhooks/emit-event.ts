import { randomUUID } from "node:crypto";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { webhookDeliveryJob } from "../jobs/webhook-delivery";
import type { Tx } from "../db";
import type { RequestedJob } from "../queue/define-job";
import type { WebhookEventType } from "./event-types";

// The one call a producer makes when something a webhook may want happened. It costs one
// indexed query when the user has no endpoint for the type (the usual case), else writes the
// event, a delivery per endpoint and the first attempt's job in one transaction.

export interface EmittedEvent {
  eventId: string;
  /** Jobs to dispatch after the caller's commit (already dispatched when no tx was given). */
  jobs: RequestedJob[];
}

export interface EmitOptions {
  /** A retried producer passes the same key and emits nothing twice (e.g. `import.completed:<jobId>`). */
  dedupeKey?: string;
  /** Only these endpoints, whatever they subscribe to (the test event). */
  endpointIds?: string[];
}

/**
 * Emits `type` with `object` (its public shape) to the user's enabled endpoints that want it.
 * Without `tx` it commits and dispatches on its own. With the caller's `tx` it only writes:
 * call webhookDeliveryJob.dispatch(result.jobs) after that commit (else the reconciler queues them
 * after RECONCILE_PENDING_AFTER_MS).
 */
export async function emitWebhookEvent(
  tx: Tx | undefined,
  userId: string,
  type: WebhookEventType | string,
  object: Record<string, unknown>,
  options: EmitOptions = {},
): Promise<EmittedEvent | null> {
  if (!tx) {
    const emitted = await db().$transaction((t) => emitWebhookEvent(t, userId, type, object, options));
    if (emitted) await webhookDeliveryJob.dispatch(emitted.jobs);
    return emitted;
  }
  const endpoints = await tx.webhookEndpoint.findMany({
    where: options.endpointIds ? { userId, id: { in: options.endpointIds } } : { userId, enabled: true, events: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return null;

  const eventId = `evt_${randomUUID().replace(/-/g, "")}`;
  const inserted = await tx.webhookEvent.createManyAndReturn({
    data: [{ id: eventId, userId, type, data: object as Prisma.InputJsonValue, dedupeKey: options.dedupeKey ?? null }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (inserted.length === 0) return null; // This producer run emitted it already.

  const jobs: RequestedJob[] = [];
  for (const endpoint of endpoints) {
    const delivery = await tx.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId }, select: { id: true } });
    jobs.push(await webhookDeliveryJob.request(tx, { userId, deliveryId: delivery.id, attempt: 1 }));
  }
  return { eventId, jobs };
}
