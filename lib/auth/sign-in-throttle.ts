import { createHash } from "node:crypto";
import { env } from "../env";
import type { ClientAddress } from "../http/client-address";
import { clearRateLimit, hitRateLimit } from "../http/rate-limit";

// Password guessing must be slow for a stranger without ever locking the owner out.
//
// - One email from one address: SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS tries per window.
// - One address over all emails (spraying): SIGN_IN_LIMIT_PER_ADDRESS tries per window.
// - One email over all addresses: SIGN_IN_LIMIT_PER_EMAIL tries per window.
//
// Only an address a trusted proxy vouches for (lib/http/client-address.ts) can get anyone
// refused: the owner never shares it with the attacker. Past the per-email ceiling, or past a
// limit keyed on an address the client made up, an attempt is not refused but waits
// SIGN_IN_SLOWDOWN_MS before the password is checked: the owner still gets in, a guesser
// pays seconds per guess. A successful sign-in clears its email and address. Like every limit
// here it fails open when Redis is unreachable.

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
const ACTION = "sign-in";
const SPRAY_ACTION = "sign-in-address";

/** The error a refused attempt throws; next-auth hands its message to the sign-in form. */
export const TOO_MANY_SIGN_INS = "TooManySignInAttempts";

// Hashed: Redis keys should not hold people's email addresses.
const hashed = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);
const normalize = (email: string) => email.trim().toLowerCase();
const pairKey = (email: string, client: ClientAddress) => hashed(`${normalize(email)}\n${client.trusted ? "" : "claimed:"}${client.address}`);

export type SignInVerdict = { allowed: false } | { allowed: true; delayMs: number };

/** Counts an attempt: refused, or allowed after an optional wait. */
export async function checkSignInAttempt(email: string, client: ClientAddress): Promise<SignInVerdict> {
  const limits = env();
  const [pair, fromAddress, overall] = await Promise.all([
    hitRateLimit(ACTION, pairKey(email, client), limits.SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS, SIGN_IN_WINDOW_MS),
    client.trusted ? hitRateLimit(SPRAY_ACTION, hashed(client.address), limits.SIGN_IN_LIMIT_PER_ADDRESS, SIGN_IN_WINDOW_MS) : null,
    hitRateLimit(ACTION, hashed(normalize(email)), limits.SIGN_IN_LIMIT_PER_EMAIL, SIGN_IN_WINDOW_MS),
  ]);
  if (client.trusted && (!pair.allowed || !fromAddress?.allowed)) return { allowed: false };
  const slow = !overall.allowed || !pair.allowed;
  return { allowed: true, delayMs: slow ? limits.SIGN_IN_SLOWDOWN_MS : 0 };
}

/** Counts an attempt and waits out its slowdown; false when it is refused. */
export async function throttleSignInAttempt(email: string, client: ClientAddress): Promise<boolean> {
  const verdict = await checkSignInAttempt(email, client);
  if (verdict.allowed && verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
  return verdict.allowed;
}

/** After a successful sign-in: this address starts afresh (the per-email ceiling runs out on its own). */
export async function clearSignInAttempts(email: string, client: ClientAddress): Promise<void> {
  await clearRateLimit(ACTION, pairKey(email, client));
}
