import { z } from "zod";
import { sealSecret } from "../crypto/secret-box";
import { db } from "../db";
import { env } from "../env";
import { AppError, notFound } from "../errors";
import { parseAllowedCidrs, isInnerAddress } from "./check-address";
import { emitWebhookEvent } from "./emit-event";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPE_NAMES } from "./event-types";
import { ENDPOINT_SECRET_PURPOSE, newWebhookSecret } from "./sign-payload";
import { RefusedAddressError, resolveAllowedAddresses, resolveWithin } from "./send-webhook";

// A user's webhook endpoints: add (the secret is returned this once), list with their recent
// deliveries, switch on or off, change events, remove, send a test event.

export const MAX_ENDPOINTS_PER_USER = 10;
const RECENT_DELIVERIES = 10;

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url("Enter a full URL, like https://example.com/hooks/tallyboard")
  .refine((v) => /^https?:\/\//i.test(v), "Only http:// and https:// URLs")
  .refine((v) => !new URL(v).username && !new URL(v).password, "Leave user and password out of the URL");

export const createEndpointSchema = z.object({
  url: webhookUrl,
  events: z.array(z.enum(WEBHOOK_EVENT_TYPE_NAMES)).min(1, "Choose at least one event"),
});

// "Nothing to change" is answered by updateEndpoint, after the ownership check: another
// user's id is a 404 whatever the body.
export const updateEndpointSchema = z.object({
  enabled: z.boolean().optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPE_NAMES)).min(1).optional(),
});

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  /** The secret's last characters, to tell endpoints apart; the whole is shown once. */
  secretHint: string;
  deliveries: DeliveryView[];
}

const withDeliveries = {
  deliveries: { orderBy: { createdAt: "desc" as const }, take: RECENT_DELIVERIES, include: { event: { select: { type: true } } } },
};

type EndpointRow = Awaited<ReturnType<typeof findEndpoints>>[number];
const findEndpoints = (userId: string) =>
  db().webhookEndpoint.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, include: withDeliveries });

function toEndpointView(e: EndpointRow): EndpointView {
  return {
    id: e.id,
    url: e.url,
    events: e.events,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    createdAt: e.createdAt.toISOString(),
    secretHint: `…${e.secretHint}`,
    deliveries: e.deliveries.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      eventType: d.event.type,
      status: d.status,
      attempts: d.attempts,
      responseStatus: d.responseStatus,
      error: d.error,
      durationMs: d.durationMs,
      lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    })),
  };
}

export async function listEndpoints(userId: string): Promise<{ endpoints: EndpointView[] }> {
  return { endpoints: (await findEndpoints(userId)).map(toEndpointView) };
}

// The add-time lookup is a courtesy (every delivery resolves and checks again): the person
// adding an endpoint waits for it, so it gets this long, not the resolver's own timeouts
// (tens of seconds where no nameserver answers).
const ADD_LOOKUP_TIMEOUT_MS = 2_000;

/** Refuses a URL that points inward now (the delivery checks again every time). */
export async function assertReachable(url: string, resolve = resolveWithin(ADD_LOOKUP_TIMEOUT_MS)): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const allowed = parseAllowedCidrs(env().WEBHOOK_ALLOWED_CIDRS);
  try {
    await resolveAllowedAddresses(host, allowed, resolve);
  } catch (err) {
    if (err instanceof RefusedAddressError || isInnerAddress(host)) {
      const message = "This URL points to a private or internal address; webhooks only go to public addresses.";
      throw new AppError("validation_failed", message, { fields: { url: [message] } });
    }
    // A name that does not resolve yet (DNS being set up), or not within the timeout, is
    // allowed: deliveries will tell, and refuse it if it turns out to point inward.
  }
}

export async function createEndpoint(userId: string, input: z.infer<typeof createEndpointSchema>): Promise<{ endpoint: EndpointView; secret: string }> {
  const { url, events } = createEndpointSchema.parse(input);
  await assertReachable(url);
  if ((await db().webhookEndpoint.count({ where: { userId } })) >= MAX_ENDPOINTS_PER_USER) {
    throw new AppError("conflict", `At most ${MAX_ENDPOINTS_PER_USER} webhook endpoints`);
  }
  const secret = newWebhookSecret();
  const row = await db().webhookEndpoint.create({
    data: { userId, url, events: [...new Set(events)], secret: sealSecret(secret, ENDPOINT_SECRET_PURPOSE), secretHint: secret.slice(-4) },
    include: withDeliveries,
  });
  return { endpoint: toEndpointView(row), secret };
}

async function findOwnEndpoint(userId: string, id: string) {
  const row = await db().webhookEndpoint.findFirst({ where: { id, userId }, select: { id: true } });
  if (!row) throw notFound("Webhook endpoint");
  return row;
}

export async function updateEndpoint(userId: string, id: string, change: z.infer<typeof updateEndpointSchema>): Promise<{ endpoint: EndpointView }> {
  await findOwnEndpoint(userId, id);
  if (change.enabled === undefined && change.events === undefined) {
    throw new AppError("validation_failed", "Nothing to change: send enabled or events");
  }
  const row = await db().webhookEndpoint.update({
    where: { id },
    data: {
      ...(change.events ? { events: [...new Set(change.events)] } : {}),
      // Turning it on again starts a fresh day: earlier failures no longer count.
      ...(change.enabled !== undefined ? { enabled: change.enabled, disabledReason: null, failingSince: null } : {}),
    },
    include: withDeliveries,
  });
  return { endpoint: toEndpointView(row) };
}

export async function deleteEndpoint(userId: string, id: string): Promise<void> {
  await findOwnEndpoint(userId, id);
  await db().webhookEndpoint.delete({ where: { id } });
}

/** "Send a test event": a webhook.test event to this endpoint alone, delivered by the job. */
export async function sendTestEvent(userId: string, id: string): Promise<{ eventId: string; jobId: string }> {
  await findOwnEndpoint(userId, id);
  const emitted = await emitWebhookEvent(undefined, userId, TEST_EVENT_TYPE, { message: "A test event from Tallyboard", endpointId: id }, { endpointIds: [id] });
  if (!emitted) throw notFound("Webhook endpoint");
  return { eventId: emitted.eventId, jobId: emitted.jobs[0].id };
}
