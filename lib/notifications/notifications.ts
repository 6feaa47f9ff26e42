import { db } from "../db";

export interface NewNotification {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** The job run that caused it: a retried run never notifies twice ([jobId, kind] is unique). */
  jobId?: string;
}

export async function createNotification(n: NewNotification): Promise<void> {
  await db().notification.createMany({ data: [n], skipDuplicates: true });
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
