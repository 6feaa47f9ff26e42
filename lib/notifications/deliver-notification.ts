import { db } from "../db";
import { composeNotificationEmail } from "../email/notification-email";
import { EmailDeliveryError, sendEmail, smtpConfigured } from "../email/transport";
import { env } from "../env";
import { PermanentJobError } from "../errors";
import type { NotificationJobPayload } from "../jobs/notification";
import type { JobContext } from "../queue/job-context";
import { preferenceKindOf } from "./kinds";
import { wantsEmail } from "./preferences";

// The notification job's work: make sure the in-app row exists, then e-mail it when this
// server can send mail and the person wants this kind by e-mail.
//
// Never twice: emailedAt is checked before sending and set right after the server accepted
// the message, so a retried or duplicated job finds it set and does nothing. (The one gap
// left is a crash between the server's "250 OK" and that update: then the retry sends again.
// Every mail carries a Message-ID derived from the notification, so a receiving system can
// recognise the duplicate.)

export type DeliveryOutcome =
  | { emailed: true; notificationId: string; messageId: string }
  | { emailed: false; notificationId: string; reason: "already_emailed" | "smtp_not_configured" | "email_off" };

/** APP_URL, else NEXTAUTH_URL, else the dev server's address: the base of links in mails. */
export function appUrl(): string {
  const { APP_URL, NEXTAUTH_URL } = env();
  return APP_URL ?? NEXTAUTH_URL ?? "http://localhost:3000";
}

async function ensureNotificationRow(p: NotificationJobPayload) {
  await db().notification.createMany({
    data: [{ id: p.notificationId, userId: p.userId, kind: p.kind, title: p.title, body: p.body ?? null, link: p.link ?? null, jobId: p.sourceJobId ?? null }],
    skipDuplicates: true,
  });
  const row =
    (await db().notification.findUnique({ where: { id: p.notificationId } })) ??
    // The producer's run already has a notification of this kind under another id.
    (p.sourceJobId ? await db().notification.findUnique({ where: { jobId_kind: { jobId: p.sourceJobId, kind: p.kind } } }) : null);
  if (!row || row.userId !== p.userId) throw new PermanentJobError(`notification ${p.notificationId} is gone`);
  return row;
}

export async function deliverNotification(p: NotificationJobPayload, ctx: JobContext): Promise<DeliveryOutcome> {
  const row = await ensureNotificationRow(p);
  const base = { notificationId: row.id };
  if (row.emailedAt) return { ...base, emailed: false, reason: "already_emailed" };
  // SMTP_URL was unset since the job was written, or the person changed their mind.
  if (!smtpConfigured()) return { ...base, emailed: false, reason: "smtp_not_configured" };
  if (!(await wantsEmail(db(), row.userId, row.kind))) return { ...base, emailed: false, reason: "email_off" };

  const user = await db().user.findUnique({ where: { id: row.userId }, select: { email: true } });
  if (!user) throw new PermanentJobError(`user ${row.userId} is gone`);

  const mail = composeNotificationEmail(
    { title: row.title, body: row.body, link: row.link, kindLabel: preferenceKindOf(row.kind)?.label },
    appUrl(),
  );
  await ctx.progress(50, "Sending the e-mail");
  try {
    const sent = await sendEmail({ to: user.email, ...mail, messageId: `<notification-${row.id}@tallyboard>` });
    await db().notification.update({ where: { id: row.id }, data: { emailedAt: new Date(), emailError: null } });
    await ctx.log("info", `e-mailed notification ${row.id} (${sent.response || "accepted"})`);
    return { ...base, emailed: true, messageId: sent.messageId };
  } catch (err) {
    if (!(err instanceof EmailDeliveryError)) throw err;
    await db().notification.update({ where: { id: row.id }, data: { emailError: err.message.slice(0, 1000) } });
    // A 5xx answer (recipient unknown, sender refused) will not change on a retry.
    if (err.permanent) throw new PermanentJobError(`e-mail refused: ${err.message}`);
    throw new Error(`e-mail not sent, will retry: ${err.message}`);
  }
}
