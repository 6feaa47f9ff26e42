import type { Metadata } from "next";
import { NotificationPreferences } from "@/components/notifications/notification-preferences";
import { WebhookSettings } from "@/components/webhooks/webhook-settings";
import { requireUser } from "@/lib/auth/require-user";
import { log } from "@/lib/log";
import { getNotificationSettings, type NotificationSettings } from "@/lib/notifications/preferences";
import { listEndpoints, type EndpointView } from "@/lib/webhooks/manage-endpoints";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const user = await requireUser();

  // The settings come with the HTML when we can; the client loads them itself otherwise.
  let initial: NotificationSettings | null = null;
  let endpoints: EndpointView[] | null = null;
  try {
    [initial, endpoints] = await Promise.all([getNotificationSettings(user.id), listEndpoints(user.id).then((r) => r.endpoints)]);
  } catch (err) {
    log.warn({ err }, "notification settings: not available at render time");
  }
  return (
    <>
      <NotificationPreferences initial={initial} />
      <WebhookSettings initial={endpoints} />
    </>
  );
}
