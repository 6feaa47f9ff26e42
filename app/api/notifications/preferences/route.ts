// GET /api/notifications/preferences – whether e-mail is on for this server, and the user's
// e-mail choice per kind; PUT { kinds: { [kind]: boolean } } – save choices
import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/handle-route";
import { getNotificationSettings, updateNotificationPreferences } from "@/lib/notifications/preferences";

export const GET = authedRoute(async ({ user }) => NextResponse.json(await getNotificationSettings(user.id)));

export const PUT = authedRoute(async ({ req, user }) =>
  NextResponse.json(await updateNotificationPreferences(user.id, await readJson(req, z.unknown()))),
);
