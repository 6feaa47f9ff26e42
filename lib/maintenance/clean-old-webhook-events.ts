import { db } from "../db";
import { env } from "../env";

// Webhook events, and their deliveries with them, are kept WEBHOOK_EVENT_RETENTION_DAYS (30 by
// default): long past the 24-hour retry window, long enough to look back at what an endpoint
// received, while Settings shows only each endpoint's last ten deliveries. A dedupe key lives on
// its event; a producer retried after the retention is long gone (its job rows go within a week).
//
// Deleted in batches, oldest first, each batch its own statement: a month of events for a busy
// user is many rows, and one huge DELETE would hold its locks and its WAL for its whole length.

export const WEBHOOK_CLEANUP_BATCH = 5_000;

export interface WebhookCleanupReport {
  events: number;
  deliveries: number;
}

export async function cleanOldWebhookEvents(now = new Date(), batchSize = WEBHOOK_CLEANUP_BATCH): Promise<WebhookCleanupReport> {
  const cutoff = new Date(now.getTime() - env().WEBHOOK_EVENT_RETENTION_DAYS * 24 * 3600_000);
  const report: WebhookCleanupReport = { events: 0, deliveries: 0 };
  for (;;) {
    // The deliveries go first in the same statement (the cascade would take them too, but
    // this way they are counted); SKIP LOCKED leaves a row another transaction holds to the next run.
    const [batch] = await db().$queryRaw<{ events: bigint; deliveries: bigint }[]>`
      WITH batch AS (
        SELECT id FROM "WebhookEvent" WHERE "createdAt" < ${cutoff}
        ORDER BY "createdAt" LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
      ), gone_deliveries AS (
        DELETE FROM "WebhookDelivery" d USING batch WHERE d."eventId" = batch.id RETURNING 1
      ), gone_events AS (
        DELETE FROM "WebhookEvent" e USING batch WHERE e.id = batch.id RETURNING 1
      )
      SELECT (SELECT count(*) FROM gone_events) AS events, (SELECT count(*) FROM gone_deliveries) AS deliveries`;
    report.events += Number(batch.events);
    report.deliveries += Number(batch.deliveries);
    if (Number(batch.events) < batchSize) return report;
  }
}
