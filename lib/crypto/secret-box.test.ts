import { createDecipheriv, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { isSealed, isSealedUnderCurrentKey, openSecret, sealSecret, secretKeyProblem } from "./secret-box";

const KEY_A = randomBytes(32);
const KEY_B = randomBytes(32);
const PURPOSE = "WebhookEndpoint.secret";
const saved = { ...process.env };

function useEnv(vars: Record<string, string | undefined>): void {
  process.env = { ...saved, DATABASE_URL: "postgresql://localhost/x", SECRETS_ENCRYPTION_KEY: undefined, SECRETS_ENCRYPTION_OLD_KEYS: undefined, ...vars };
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("secret box (AES-256-GCM at rest)", () => {
  it("seals with a fresh IV each time and opens back to the plain secret", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const a = sealSecret("whsec_abc", PURPOSE);
    const b = sealSecret("whsec_abc", PURPOSE);
    expect(a).not.toBe(b);
    expect(a).not.toContain("whsec_abc");
    expect(a).toMatch(/^enc:v1:[0-9a-f]{8}:[\w-]{16}:[\w-]+$/);
    expect(openSecret(a, PURPOSE)).toBe("whsec_abc");
    expect(isSealedUnderCurrentKey(a)).toBe(true);
  });

  it("is standard AES-256-GCM: node's decipher with the key, IV, tag and purpose as AAD reads it", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("hex") });
    const [, , , iv, sealed] = sealSecret("whsec_standard", PURPOSE).split(":");
    const bytes = Buffer.from(sealed, "base64url");
    const d = createDecipheriv("aes-256-gcm", KEY_A, Buffer.from(iv, "base64url"));
    d.setAAD(Buffer.from(PURPOSE));
    d.setAuthTag(bytes.subarray(-16));
    expect(Buffer.concat([d.update(bytes.subarray(0, -16)), d.final()]).toString()).toBe("whsec_standard");
  });

  it("refuses an altered ciphertext, another purpose, or an unknown key, without echoing the value", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const sealed = sealSecret("whsec_tamper", PURPOSE);
    const parts = sealed.split(":");
    const body = Buffer.from(parts[4], "base64url");
    body[0] ^= 1;
    const altered = [...parts.slice(0, 4), body.toString("base64url")].join(":");
    expect(() => openSecret(altered, PURPOSE)).toThrow(/failed its integrity check/);
    expect(() => openSecret(sealed, "Other.column")).toThrow(/failed its integrity check/);
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_B.toString("base64") });
    expect(() => openSecret(sealed, PURPOSE)).toThrow(/neither SECRETS_ENCRYPTION_KEY nor in SECRETS_ENCRYPTION_OLD_KEYS/);
  });

  it("rotates: an old key still opens its rows, and they no longer count as under the current key", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64") });
    const underA = sealSecret("whsec_rotate", PURPOSE);
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_B.toString("base64"), SECRETS_ENCRYPTION_OLD_KEYS: `  ${KEY_A.toString("hex")} ` });
    expect(openSecret(underA, PURPOSE)).toBe("whsec_rotate");
    expect(isSealedUnderCurrentKey(underA)).toBe(false);
    expect(isSealedUnderCurrentKey(sealSecret("whsec_rotate", PURPOSE))).toBe(true);
  });

  it("reads a row from before encryption as it is", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64") });
    expect(isSealed("whsec_legacy")).toBe(false);
    expect(openSecret("whsec_legacy", PURPOSE)).toBe("whsec_legacy");
    expect(isSealedUnderCurrentKey("whsec_legacy")).toBe(false);
  });

  it("falls back to the public development key outside production, and refuses in production", () => {
    useEnv({ NODE_ENV: "development" });
    const devSealed = sealSecret("whsec_dev", PURPOSE);
    expect(openSecret(devSealed, PURPOSE)).toBe("whsec_dev");
    expect(secretKeyProblem()).toBeNull();
    useEnv({ NODE_ENV: "production" });
    expect(() => sealSecret("whsec_prod", PURPOSE)).toThrow(/SECRETS_ENCRYPTION_KEY is not set.*openssl rand -base64 32/);
    expect(secretKeyProblem()).toMatch(/SECRETS_ENCRYPTION_KEY is not set/);
    // A real key in production does not open what the development key sealed.
    useEnv({ NODE_ENV: "production", SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64") });
    expect(() => openSecret(devSealed, PURPOSE)).toThrow(/neither/);
  });

  it("refuses a key that is not 32 bytes, naming the variable", () => {
    useEnv({ SECRETS_ENCRYPTION_KEY: randomBytes(16).toString("base64") });
    expect(() => sealSecret("x", PURPOSE)).toThrow(/SECRETS_ENCRYPTION_KEY must be 32 bytes/);
    useEnv({ SECRETS_ENCRYPTION_KEY: KEY_A.toString("base64"), SECRETS_ENCRYPTION_OLD_KEYS: "short" });
    expect(() => sealSecret("x", PURPOSE)).toThrow(/SECRETS_ENCRYPTION_OLD_KEYS entry 1/);
  });
});
