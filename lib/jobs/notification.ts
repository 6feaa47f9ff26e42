import { z } from "zod";
import { deliverNotification } from "../notifications/deliver-notification";
import { defineJob } from "../queue/define-job";
import { QUEUE } from "./job-names";

const SKIPPED = {
  already_emailed: "E-mail already sent",
  smtp_not_configured: "In-app only (SMTP is not configured)",
  email_off: "In-app only (e-mail is off for this kind)",
} as const;

// notification: make sure the in-app notification exists and e-mail it when wanted. The
// payload carries the notification in full, so the job can re-create a missing in-app row.
export const notificationJob = defineJob({
  name: QUEUE.notification,
  payload: z.object({
    userId: z.string().min(1),
    notificationId: z.string().min(1),
    kind: z.string().min(1),
    title: z.string().min(1),
    body: z.string().nullish(),
    link: z.string().nullish(),
    sourceJobId: z.string().nullish(),
  }),
  concurrency: 5,
  lockDurationMs: 30_000,
  async process(payload, ctx) {
    const outcome = await deliverNotification(payload, ctx);
    return { result: outcome, message: outcome.emailed ? "E-mail sent" : SKIPPED[outcome.reason] };
  },
});

export type NotificationJobPayload = z.output<typeof notificationJob.payload>;
