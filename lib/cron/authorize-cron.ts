import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";

// The cron route's secret: `?token=` (cron-job.org) or `Authorization: Bearer` (Vercel Cron).
// Compared in constant time (over SHA-256 digests, so lengths never differ); never logged.

function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

export function presentedCronToken(url: URL, authorization: string | null): string | null {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  return bearer || url.searchParams.get("token") || null;
}

export function authorizeCron(url: URL, authorization: string | null): void {
  const secret = env().CRON_SECRET;
  if (!secret) {
    throw new AppError("unavailable", "Cron is disabled: set CRON_SECRET on the server to enable this endpoint");
  }
  const token = presentedCronToken(url, authorization);
  if (!token || !safeEqual(token, secret)) {
    throw new AppError("unauthorized", "A valid cron token is required (?token= or Authorization: Bearer)");
  }
}
