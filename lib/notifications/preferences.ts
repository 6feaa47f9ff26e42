import { z } from "zod";
import { db, type Tx } from "../db";
import { smtpConfigured } from "../email/transport";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, preferenceKindOf } from "./kinds";

// A person's choice of e-mail per notification kind (NotificationPreference rows; a kind
// without a row follows its default). In-app notifications are always on.

export interface NotificationSettings {
  email: {
    /** Whether this server can send e-mail at all (SMTP_URL is set). */
    enabled: boolean;
    /** Where the mails go: the account's address. */
    address: string;
  };
  kinds: { kind: string; label: string; description: string; email: boolean }[];
}

type Client = Tx | ReturnType<typeof db>;

export async function getNotificationSettings(userId: string): Promise<NotificationSettings> {
  const [user, rows] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { email: true } }),
    db().notificationPreference.findMany({ where: { userId } }),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return {
    email: { enabled: smtpConfigured(), address: user?.email ?? "" },
    kinds: NOTIFICATION_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label,
      description: k.description,
      email: chosen.get(k.kind) ?? k.emailByDefault,
    })),
  };
}

export const preferencesUpdateSchema = z.object({
  kinds: z.partialRecord(z.enum(NOTIFICATION_KIND_NAMES), z.boolean({ message: "must be true or false" })),
});

/** Saves the choices given (kinds not mentioned keep theirs); returns the settings as saved. */
export async function updateNotificationPreferences(userId: string, input: unknown): Promise<NotificationSettings> {
  const { kinds } = preferencesUpdateSchema.parse(input);
  const entries = Object.entries(kinds).filter((e): e is [string, boolean] => typeof e[1] === "boolean");
  await db().$transaction(async (tx) => {
    for (const [kind, email] of entries) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email },
        update: { email },
      });
    }
  });
  return getNotificationSettings(userId);
}

/** Whether the person wants this kind by e-mail (the SMTP setting aside). */
export async function wantsEmail(client: Client, userId: string, kind: string): Promise<boolean> {
  const info = preferenceKindOf(kind);
  if (!info) return false;
  const row = await client.notificationPreference.findUnique({
    where: { userId_kind: { userId, kind: info.kind } },
    select: { email: true },
  });
  return row?.email ?? info.emailByDefault;
}
