import { createHash } from "node:crypto";
import { clearRateLimit, hitRateLimit } from "../http/rate-limit";

// Password guessing: an email and client address get SIGN_IN_MAX_ATTEMPTS tries per window;
// past that, the password is not even checked until the window ends. A successful sign-in
// clears the count. Keyed by both, so a stranger hammering an email from elsewhere cannot lock
// its owner out. The address comes from the proxy's X-Forwarded-For, which a client talking to
// the app directly could forge, so each email also has a ceiling over all addresses
// (SIGN_IN_MAX_ATTEMPTS_PER_EMAIL): guessing stays slow whatever the headers say. Like every
// limit here it fails open when Redis is unreachable.

export const SIGN_IN_MAX_ATTEMPTS = 10;
export const SIGN_IN_MAX_ATTEMPTS_PER_EMAIL = 100;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
const ACTION = "sign-in";

/** The error a refused attempt throws; next-auth hands its message to the sign-in form. */
export const TOO_MANY_SIGN_INS = "TooManySignInAttempts";

// Hashed: Redis keys should not hold people's email addresses.
const keyOf = (email: string, clientAddress: string | null) =>
  createHash("sha256")
    .update(clientAddress === null ? email.trim().toLowerCase() : `${email.trim().toLowerCase()}\n${clientAddress}`)
    .digest("hex")
    .slice(0, 32);

/** The caller's address as the proxy in front of the app (Vercel, nginx) reports it. */
export function clientAddressOf(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.toString().split(",")[0]?.trim();
  const real = headers?.["x-real-ip"]?.toString().trim();
  return first || real || "unknown";
}

/** Counts an attempt; false once this email and address are out of tries for the window. */
export async function allowSignInAttempt(email: string, clientAddress: string): Promise<boolean> {
  const [fromHere, overall] = await Promise.all([
    hitRateLimit(ACTION, keyOf(email, clientAddress), SIGN_IN_MAX_ATTEMPTS, SIGN_IN_WINDOW_MS),
    hitRateLimit(ACTION, keyOf(email, null), SIGN_IN_MAX_ATTEMPTS_PER_EMAIL, SIGN_IN_WINDOW_MS),
  ]);
  return fromHere.allowed && overall.allowed;
}

/** After a successful sign-in: this address starts afresh (the per-email ceiling runs out on its own). */
export async function clearSignInAttempts(email: string, clientAddress: string): Promise<void> {
  await clearRateLimit(ACTION, keyOf(email, clientAddress));
}
