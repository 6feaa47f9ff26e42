import { describe, expect, it } from "vitest";
import { nextAttemptTime, RETRY_WINDOW_MS } from "./deliver-webhook";
import { newWebhookSecret, signPayload, verifySignature } from "./sign-payload";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"id":"evt_1","type":"webhook.test"}';
  const now = 1_800_000_000;

  it("verifies its own signature, and refuses a changed body, another secret or a stale time", () => {
    const header = signPayload(secret, now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, 300, now + 10)).toBe(true);
    expect(verifySignature(secret, header, body.replace("test", "tesT"), 300, now)).toBe(false);
    expect(verifySignature("whsec_other", header, body, 300, now)).toBe(false);
    expect(verifySignature(secret, header, body, 300, now + 301)).toBe(false);
    expect(verifySignature(secret, "v1=abc", body, 300, now)).toBe(false);
  });

  it("makes a new, unguessable secret each time", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe("nextAttemptTime", () => {
  const created = new Date("2026-12-01T00:00:00Z");
  const at = (ms: number) => new Date(created.getTime() + ms);

  it("backs off: 1 min, 5 min, 30 min, 2 h, 5 h, then 8 h", () => {
    const gaps = [1, 2, 3, 4, 5, 6, 7].map((n) => nextAttemptTime(n, created, created)!.getTime() - created.getTime());
    expect(gaps).toEqual([60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 28_800_000, 28_800_000]);
  });

  it("never goes past 24 hours after the event, and stops there", () => {
    expect(nextAttemptTime(6, created, at(RETRY_WINDOW_MS - 3600_000))).toEqual(at(RETRY_WINDOW_MS));
    expect(nextAttemptTime(7, created, at(RETRY_WINDOW_MS))).toBeNull();
  });
});
