import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// The signature a receiver checks: HMAC-SHA256, keyed with the endpoint's secret, over
// "<timestamp>.<raw body>", sent as `Tallyboard-Signature: t=<unix seconds>,v1=<hex>`.
// The timestamp is inside the signed text so a captured request cannot be replayed later
// with a fresh time (README.md#webhooks has a receiver's check).

export const SIGNATURE_HEADER = "Tallyboard-Signature";

export function signPayload(secret: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** Our own check (the test event's page and tests); receivers write theirs from the README. */
export function verifySignature(secret: string, header: string, body: string, toleranceS = 300, nowS = Date.now() / 1000): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowS - timestamp) > toleranceS) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body).split("v1=")[1], "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The additional data its encryption at rest is bound to (lib/crypto/secret-box.ts). */
export const ENDPOINT_SECRET_PURPOSE = "WebhookEndpoint.secret";

/** A new endpoint's secret: 32 random bytes, prefixed so a leaked one is recognisable. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
