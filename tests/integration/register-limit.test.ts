import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as registerRoute } from "../../app/api/register/route";
import { db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Issue 11: registration had no per-address limit (15 accounts in 8.5 s, each a bcrypt-12
// hash). REGISTER_LIMIT_PER_HOUR refuses past the limit an address a trusted proxy vouches for
// (lib/http/client-address.ts); an address the client made up only slows its registrations,
// as for sign-in: refusing on it would let anyone close registration for everyone who shares
// it (every visitor without X-Forwarded-For shares "no address").

let env: IntegrationEnv;
const LIMIT = 3;
const SLOWDOWN_MS = 2500;
let serial = 0;

function configure(overrides: Record<string, string>) {
  Object.assign(process.env, overrides);
  resetEnvCache();
}

async function register(headers: Record<string, string>) {
  serial += 1;
  const body = JSON.stringify({ email: `person-${serial}@example.test`, password: "a long password", name: `Person ${serial}` });
  const req = new NextRequest("http://localhost/api/register", { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  const started = Date.now();
  const res = await registerRoute(req, { params: Promise.resolve({}) });
  return { status: res.status, data: await res.json(), ms: Date.now() - started };
}

beforeAll(async () => {
  env = await setupIntegration("register-limit", { REGISTER_LIMIT_PER_HOUR: String(LIMIT), REGISTER_SLOWDOWN_MS: String(SLOWDOWN_MS) });
});

afterAll(async () => {
  await env?.teardown();
});

describe("behind a trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  beforeEach(() => configure({ TRUSTED_PROXY_HOPS: "1" }));

  it("refuses an address past REGISTER_LIMIT_PER_HOUR in words, whatever it claims, and not another address", async () => {
    for (let i = 0; i < LIMIT; i++) {
      // The client's own X-Forwarded-For entry rotates; the proxy saw one address.
      expect((await register({ "x-forwarded-for": `10.0.0.${i}, 203.0.113.7` })).status).toBe(201);
    }
    const before = await db().user.count();
    const refused = await register({ "x-forwarded-for": "10.9.9.9, 203.0.113.7" });
    expect(refused).toMatchObject({ status: 429, data: { error: "rate_limited", message: expect.stringMatching(/^Too many requests; try again in \d+ s$/) } });
    expect(await db().user.count()).toBe(before);
    expect((await register({ "x-forwarded-for": "203.0.113.8" })).status).toBe(201);
  });
});

describe("without a trusted proxy (X-Forwarded-For is the client's word)", () => {
  beforeEach(() => configure({ TRUSTED_PROXY_HOPS: "0" }));

  it("slows registrations from a claimed address past the limit but never refuses them", async () => {
    for (let i = 0; i < LIMIT; i++) {
      const fast = await register({});
      expect(fast.status).toBe(201);
    }
    // Everyone without X-Forwarded-For shares this "address": a stranger's registrations must
    // not close sign-up for them.
    const slowed = await register({});
    expect(slowed.status).toBe(201);
    expect(slowed.ms).toBeGreaterThanOrEqual(SLOWDOWN_MS);
    // Another claimed address is not slowed by it.
    const other = await register({ "x-forwarded-for": "198.51.100.1" });
    expect(other.status).toBe(201);
    expect(other.ms).toBeLessThan(slowed.ms - 1000);
  });
});
