import { randomUUID } from "node:crypto";
import { db, type Tx } from "../db";
import { smtpConfigured } from "../email/transport";
import { notificationJob, type NotificationJobPayload } from "../jobs/notification";
import type { RequestedJob } from "../queue/define-job";
import { wantsEmail } from "./preferences";

// Notifications: what a job tells a person when it finished something they care about.
//
// How a notification goes "through the notification queue", and why this way:
// createNotification writes the in-app row itself, in one database transaction with the
// notification job's outbox row (a BackgroundJob of type "notification" whose payload carries
// the notification's content); the job then does the slow, fallible part: the e-mail.
// - The in-app row is there the moment the producer's transaction commits: it does not wait
//   for Redis, for a worker serving the notification queue, or for an SMTP server.
// - A retried producer never notifies twice: the row is unique on [jobId, kind], and the
//   delivery job is only written together with a row that was actually inserted.
// - Nothing is lost when Redis is down: both rows are in Postgres; the job is dispatched after
//   commit and, if that fails, re-queued by the reconciler like every pending job.
// - No job at all when no e-mail could go out (SMTP_URL unset, or the person turned that kind
//   off): a summary update, the most frequent notification, costs one insert.
// The job re-creates the in-app row from its payload if it is missing, so a producer could
// also hand a notification to the queue alone; and it re-checks the preference at send time.

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** The job run that caused it: a retried run never notifies twice ([jobId, kind] is unique). */
  jobId?: string;
}

export interface CreatedNotification {
  id: string;
  /** False when this producer run had already created it (a retry): nothing new was written. */
  created: boolean;
  /** The e-mail delivery job written with it, to dispatch after commit (null: in-app only). */
  deliveryJob: RequestedJob | null;
}

/**
 * Creates an in-app notification and, when an e-mail could go out, its delivery job.
 * Without `tx` it commits and dispatches on its own. With the producer's own transaction
 * `tx`, the caller must call dispatchNotification(result) after that commit (if it does
 * not, the reconciler queues the job after RECONCILE_PENDING_AFTER_MS).
 */
export async function createNotification(n: NewNotification, tx?: Tx): Promise<CreatedNotification> {
  if (tx) return recordNotification(tx, n);
  const created = await db().$transaction((t) => recordNotification(t, n));
  await dispatchNotification(created);
  return created;
}

/** After commit: queue the delivery job (never throws; the reconciler covers a Redis outage). */
export async function dispatchNotification(created: CreatedNotification): Promise<void> {
  if (created.deliveryJob) await notificationJob.dispatch(created.deliveryJob);
}

async function recordNotification(tx: Tx, n: NewNotification): Promise<CreatedNotification> {
  const data = {
    id: randomUUID(),
    userId: n.userId,
    kind: n.kind,
    title: n.title,
    body: n.body ?? null,
    link: n.link ?? null,
    jobId: n.jobId ?? null,
  };
  const inserted = await tx.notification.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true } });
  if (!inserted.length) {
    const existing = n.jobId
      ? await tx.notification.findUnique({ where: { jobId_kind: { jobId: n.jobId, kind: n.kind } }, select: { id: true } })
      : null;
    return { id: existing?.id ?? data.id, created: false, deliveryJob: null };
  }
  if (!smtpConfigured() || !(await wantsEmail(tx, n.userId, n.kind))) return { id: data.id, created: true, deliveryJob: null };

  const payload: NotificationJobPayload = {
    userId: data.userId,
    notificationId: data.id,
    kind: data.kind,
    title: data.title,
    body: data.body,
    link: data.link,
    sourceJobId: data.jobId,
  };
  return { id: data.id, created: true, deliveryJob: await notificationJob.request(tx, payload) };
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export async function listNotifications(
  userId: string,
  limit = 20,
): Promise<{ notifications: NotificationView[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([
    db().notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take: limit }),
    db().notification.count({ where: { userId, readAt: null } }),
  ]);
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      read: r.readAt !== null,
      createdAt: r.createdAt.toISOString(),
    })),
    unreadCount,
  };
}

/** Marks the user's own notifications read; ids of other users' rows are ignored. */
export async function markNotificationsRead(userId: string, ids: string[] | "all"): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  return count;
}
