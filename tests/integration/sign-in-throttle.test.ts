import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authOptions } from "../../lib/auth/options";
import { checkSignInAttempt, TOO_MANY_SIGN_INS } from "../../lib/auth/sign-in-throttle";
import { registerUser } from "../../lib/auth/users";
import { resetEnvCache } from "../../lib/env";
import { clientAddressOf } from "../../lib/http/client-address";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Password guessing through the real next-auth credentials provider, counted in the real Redis.

let env: IntegrationEnv;

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
/** A request through one proxy: the client may claim anything, the proxy appends what it saw. */
const via = (seenByProxy: string, claimed = "192.0.2.1") => ({ headers: { "x-forwarded-for": `${claimed}, ${seenByProxy}` } });
const PER_PAIR = 5;
const PER_EMAIL = 20;
const SLOWDOWN_MS = 300;

function configure(overrides: Record<string, string>) {
  Object.assign(process.env, overrides);
  resetEnvCache();
}

beforeAll(async () => {
  env = await setupIntegration("sign-in-throttle", {
    SIGN_IN_LIMIT_PER_EMAIL_AND_ADDRESS: String(PER_PAIR),
    SIGN_IN_LIMIT_PER_EMAIL: String(PER_EMAIL),
    SIGN_IN_LIMIT_PER_ADDRESS: "30",
    SIGN_IN_SLOWDOWN_MS: String(SLOWDOWN_MS),
  });
  for (const name of ["guess", "fine", "victim", "direct"]) {
    await registerUser({ email: `${name}@example.test`, password: "the right one", name });
  }
});

afterAll(async () => {
  await env?.teardown();
});

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const value = await work();
  return [value, Date.now() - started];
}

describe("behind a trusted proxy (TRUSTED_PROXY_HOPS=1)", () => {
  beforeEach(() => configure({ TRUSTED_PROXY_HOPS: "1" }));

  it("takes the address the proxy appended, not the one the client claims", () => {
    expect(clientAddressOf(via("203.0.113.7", "10.9.9.9").headers)).toEqual({ address: "203.0.113.7", trusted: true });
  });

  it("refuses an email from one address after too many tries, even with the right password, without locking out other addresses", async () => {
    for (let i = 0; i < PER_PAIR; i++) {
      // Rotating the claimed address changes nothing: the proxy saw the same one.
      expect(await authorize({ email: "guess@example.test", password: `wrong ${i}` }, via("203.0.113.7", `10.0.0.${i}`))).toBeNull();
    }
    await expect(authorize({ email: "GUESS@example.test", password: "the right one" }, via("203.0.113.7"))).rejects.toThrow(TOO_MANY_SIGN_INS);
    expect(await authorize({ email: "guess@example.test", password: "the right one" }, via("198.51.100.2"))).toMatchObject({ email: "guess@example.test" });
  });

  it("clears the count after a successful sign-in", async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < PER_PAIR - 1; i++) {
        expect(await authorize({ email: "fine@example.test", password: "typo" }, via("192.0.2.9"))).toBeNull();
      }
      expect(await authorize({ email: "fine@example.test", password: "the right one" }, via("192.0.2.9"))).toMatchObject({ email: "fine@example.test" });
    }
  });

  it("refuses one address spraying many emails", async () => {
    for (let i = 0; i < 30; i++) expect(await checkSignInAttempt(`spray-${i}@example.test`, clientAddressOf(via("203.0.113.50").headers))).toMatchObject({ allowed: true });
    expect(await checkSignInAttempt("spray-last@example.test", clientAddressOf(via("203.0.113.50").headers))).toEqual({ allowed: false });
    expect(await checkSignInAttempt("spray-last@example.test", clientAddressOf(via("203.0.113.51").headers))).toMatchObject({ allowed: true });
  });
});

describe("without a trusted proxy (X-Forwarded-For is the client's word)", () => {
  beforeEach(() => configure({ TRUSTED_PROXY_HOPS: "0" }));

  // Issue 11: 100 wrong passwords with a rotating X-Forwarded-For locked the owner out for 15 minutes.
  it("slows a guesser rotating X-Forwarded-For past the per-email ceiling, and the owner still signs in", async () => {
    for (let i = 0; i < PER_EMAIL + 5; i++) {
      expect(await checkSignInAttempt("victim@example.test", clientAddressOf({ "x-forwarded-for": `203.0.113.${i}` }))).toMatchObject({ allowed: true });
    }
    const [guess, guessMs] = await timed(() => authorize({ email: "victim@example.test", password: "wrong" }, { headers: { "x-forwarded-for": "203.0.113.99" } }));
    expect(guess).toBeNull();
    expect(guessMs).toBeGreaterThanOrEqual(SLOWDOWN_MS);
    const [owner] = await timed(() => authorize({ email: "victim@example.test", password: "the right one" }, { headers: { "x-forwarded-for": "198.51.100.20" } }));
    expect(owner).toMatchObject({ email: "victim@example.test" });
  });

  it("never refuses on an address nobody vouches for: a guesser sharing the owner's (missing) address only slows them both", async () => {
    for (let i = 0; i < PER_PAIR + 2; i++) expect(await checkSignInAttempt("direct@example.test", clientAddressOf({}))).toMatchObject({ allowed: true });
    expect(await checkSignInAttempt("direct@example.test", clientAddressOf({}))).toEqual({ allowed: true, delayMs: SLOWDOWN_MS });
    expect(await authorize({ email: "direct@example.test", password: "the right one" }, { headers: {} })).toMatchObject({ email: "direct@example.test" });
  });
});

describe("on Vercel", () => {
  it("trusts x-real-ip, which the platform sets", () => {
    configure({ TRUSTED_PROXY_HOPS: "0", VERCEL: "1" });
    expect(clientAddressOf({ "x-real-ip": "203.0.113.5", "x-forwarded-for": "10.0.0.1" })).toEqual({ address: "203.0.113.5", trusted: true });
    configure({ VERCEL: "" });
    expect(clientAddressOf({ "x-real-ip": "203.0.113.5" })).toEqual({ address: "203.0.113.5", trusted: false });
  });
});
