import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "../env";
import { log } from "../log";

// Secrets the app must use again later (a webhook endpoint's signing key) are stored encrypted:
// AES-256-GCM under SECRETS_ENCRYPTION_KEY, a fresh 96-bit IV each time, and the column's name
// as additional data (a ciphertext copied into another column does not decrypt). Stored as
//
//   enc:v1:<key id>:<IV, base64url>:<ciphertext and 16-byte tag, base64url>
//
// The key id (first 8 hex digits of the key's SHA-256) says which key sealed it, so a key can be
// rotated: the new one in SECRETS_ENCRYPTION_KEY, the old ones in SECRETS_ENCRYPTION_OLD_KEYS
// (decrypt only) until `npm run secrets:reencrypt` has moved every row to the new key.
//
// Without a key, development and tests use a fixed, publicly known key (it keeps `npm run dev`
// working with no setup, and protects nothing); production refuses to encrypt or decrypt.

const PREFIX = "enc:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Not a secret: the development key is derived from this published text.
const DEVELOPMENT_KEY = createHash("sha256").update("tallyboard development key (public, never for production)").digest();

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

const keyIdOf = (key: Buffer) => createHash("sha256").update(key).digest("hex").slice(0, 8);

interface KeyRing {
  current: { id: string; key: Buffer };
  byId: Map<string, Buffer>;
}

let warnedDevelopmentKey = false;

function keyRing(): KeyRing {
  const config = env();
  const keys: Buffer[] = [];
  if (config.SECRETS_ENCRYPTION_KEY) keys.push(config.SECRETS_ENCRYPTION_KEY);
  else if (config.NODE_ENV === "production") {
    throw new SecretKeyError(
      "SECRETS_ENCRYPTION_KEY is not set: stored secrets (webhook signing keys) cannot be encrypted or read. " +
        "Set it to 32 random bytes, e.g. `openssl rand -base64 32`, the same value on the web app and every worker (README.md#stored-secrets).",
    );
  } else {
    if (!warnedDevelopmentKey) log.warn("[secrets] SECRETS_ENCRYPTION_KEY is not set: using the public development key (refused in production)");
    warnedDevelopmentKey = true;
    keys.push(DEVELOPMENT_KEY);
  }
  keys.push(...config.SECRETS_ENCRYPTION_OLD_KEYS);
  // Rows sealed by `npm run dev` stay readable once a real key is set, outside production.
  if (config.NODE_ENV !== "production") keys.push(DEVELOPMENT_KEY);
  const byId = new Map(keys.map((k) => [keyIdOf(k), k] as const));
  return { current: { id: keyIdOf(keys[0]), key: keys[0] }, byId };
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** Encrypts `plain` under the current key; `purpose` (e.g. "WebhookEndpoint.secret") must match on decrypt. */
export function sealSecret(plain: string, purpose: string): string {
  const { current } = keyRing();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(Buffer.from(purpose));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${current.id}:${iv.toString("base64url")}:${sealed.toString("base64url")}`;
}

/**
 * The plain secret. A value without the prefix is a row from before encryption (until
 * `npm run db:migrate` seals it) and is returned as it is.
 */
export function openSecret(stored: string, purpose: string): string {
  if (!isSealed(stored)) return stored;
  const [keyId, ivText, sealedText] = stored.slice(PREFIX.length).split(":");
  const key = keyRing().byId.get(keyId);
  if (!key) {
    throw new SecretKeyError(
      `A stored secret was encrypted under key ${keyId}, which is neither SECRETS_ENCRYPTION_KEY nor in SECRETS_ENCRYPTION_OLD_KEYS.`,
    );
  }
  const sealed = Buffer.from(sealedText ?? "", "base64url");
  const iv = Buffer.from(ivText ?? "", "base64url");
  if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw new SecretKeyError("A stored secret is malformed.");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(purpose));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    // The tag did not verify: altered, or sealed for another purpose. Never echo the value.
    throw new SecretKeyError(`A stored secret under key ${keyId} failed its integrity check.`);
  }
}

/** True when `stored` is sealed under the current key (nothing for a re-encryption to do). */
export function isSealedUnderCurrentKey(stored: string): boolean {
  return isSealed(stored) && stored.slice(PREFIX.length).startsWith(`${keyRing().current.id}:`);
}

/** For the worker's start: the reason stored secrets cannot be used, or null. */
export function secretKeyProblem(): string | null {
  try {
    keyRing();
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
