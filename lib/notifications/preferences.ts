import { z } from "zod";
import { db, type Tx } from "../db";
import { smtpConfigured } from "../email/transport";
import { NOTIFICATION_KIND_NAMES, NOTIFICATION_KINDS, preferenceKindOf } from "./kinds";

// A person's choice per notification kind, in the app (the bell) and by e-mail
// (NotificationPreference rows; a kind without a row follows its defaults: in-app on, e-mail
// as the kind says).

export interface NotificationSettings {
  email: {
    /** Whether this server can send e-mail at all (SMTP_URL is set). */
    enabled: boolean;
    /** Where the mails go: the account's address. */
    address: string;
  };
  kinds: { kind: string; label: string; description: string; inApp: boolean; email: boolean }[];
}

type Client = Tx | ReturnType<typeof db>;

export async function getNotificationSettings(userId: string): Promise<NotificationSettings> {
  const [user, rows] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: { email: true } }),
    db().notificationPreference.findMany({ where: { userId } }),
  ]);
  const chosen = new Map(rows.map((r) => [r.kind, r]));
  return {
    email: { enabled: smtpConfigured(), address: user?.email ?? "" },
    kinds: NOTIFICATION_KINDS.map((k) => ({
      kind: k.kind,
      label: k.label,
      description: k.description,
      inApp: chosen.get(k.kind)?.inApp ?? true,
      email: chosen.get(k.kind)?.email ?? k.emailByDefault,
    })),
  };
}

const choicesSchema = z.partialRecord(z.enum(NOTIFICATION_KIND_NAMES), z.boolean({ message: "must be true or false" }));

/** `kinds`: e-mail per kind (the original shape, kept for API callers); `inApp`: the bell per kind. */
export const preferencesUpdateSchema = z
  .object({ kinds: choicesSchema.optional(), inApp: choicesSchema.optional() })
  .refine((v) => v.kinds !== undefined || v.inApp !== undefined, { message: "name the kinds to change", path: ["kinds"] });

/** Saves the choices given (kinds and channels not mentioned keep theirs); returns the settings as saved. */
export async function updateNotificationPreferences(userId: string, input: unknown): Promise<NotificationSettings> {
  const { kinds: email, inApp } = preferencesUpdateSchema.parse(input);
  const changes = new Map<string, { email?: boolean; inApp?: boolean }>();
  for (const [kind, on] of Object.entries(email ?? {})) if (typeof on === "boolean") changes.set(kind, { email: on });
  for (const [kind, on] of Object.entries(inApp ?? {})) if (typeof on === "boolean") changes.set(kind, { ...changes.get(kind), inApp: on });
  await db().$transaction(async (tx) => {
    for (const [kind, change] of changes) {
      const emailByDefault = preferenceKindOf(kind)?.emailByDefault ?? true;
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, email: change.email ?? emailByDefault, inApp: change.inApp ?? true },
        update: change,
      });
    }
  });
  return getNotificationSettings(userId);
}

/** Where the person wants this kind: the bell, e-mail (the SMTP setting aside). */
export async function notificationChannels(client: Client, userId: string, kind: string): Promise<{ inApp: boolean; email: boolean }> {
  const info = preferenceKindOf(kind);
  if (!info) return { inApp: true, email: false };
  const row = await client.notificationPreference.findUnique({
    where: { userId_kind: { userId, kind: info.kind } },
    select: { email: true, inApp: true },
  });
  return { inApp: row?.inApp ?? true, email: row?.email ?? info.emailByDefault };
}

/** Whether the person wants this kind by e-mail (the SMTP setting aside). */
export async function wantsEmail(client: Client, userId: string, kind: string): Promise<boolean> {
  return (await notificationChannels(client, userId, kind)).email;
}
