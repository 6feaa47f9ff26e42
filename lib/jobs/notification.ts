import { deliverNotification } from "../notifications/deliver-notification";
import type { JobContext } from "../queue/job-context";
import type { ProcessorOutcome } from "../queue/run-job";

const SKIPPED = {
  already_emailed: "E-mail already sent",
  smtp_not_configured: "In-app only (SMTP is not configured)",
  email_off: "In-app only (e-mail is off for this kind)",
} as const;

// notification: make sure the in-app notification exists and e-mail it when wanted.
export async function processNotification(payload: unknown, ctx: JobContext): Promise<ProcessorOutcome> {
  const outcome = await deliverNotification(payload, ctx);
  return { result: outcome, message: outcome.emailed ? "E-mail sent" : SKIPPED[outcome.reason] };
}
