import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { NotificationPreferences } from "@/components/notifications/notification-preferences";
import { WebhookSettings } from "@/components/webhooks/webhook-settings";
import { authOptions } from "@/lib/auth/options";
import { log } from "@/lib/log";
import { getNotificationSettings, type NotificationSettings } from "@/lib/notifications/preferences";
import { listEndpoints, type EndpointView } from "@/lib/webhooks/manage-endpoints";

export const metadata: Metadata = { title: "Notification settings" };

export default async function NotificationSettingsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/login");

  // The settings come with the HTML when we can; the client loads them itself otherwise.
  let initial: NotificationSettings | null = null;
  let endpoints: EndpointView[] | null = null;
  try {
    [initial, endpoints] = await Promise.all([getNotificationSettings(session.user.id), listEndpoints(session.user.id).then((r) => r.endpoints)]);
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
