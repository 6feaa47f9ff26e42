import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "../../lib/auth/options";
import { allowSignInAttempt, SIGN_IN_MAX_ATTEMPTS, SIGN_IN_MAX_ATTEMPTS_PER_EMAIL, TOO_MANY_SIGN_INS } from "../../lib/auth/sign-in-throttle";
import { registerUser } from "../../lib/auth/users";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Password guessing through the real next-auth credentials provider, counted in the real Redis.

let env: IntegrationEnv;

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const from = (address: string) => ({ headers: { "x-forwarded-for": `${address}, 10.0.0.1` } });

beforeAll(async () => {
  env = await setupIntegration("sign-in-throttle");
  await registerUser({ email: "guess@example.test", password: "the right one", name: "Guess" });
  await registerUser({ email: "fine@example.test", password: "the right one", name: "Fine" });
});

afterAll(async () => {
  await env?.teardown();
});

describe("sign-in throttling", () => {
  it("refuses an email and address after too many tries, even with the right password, without locking out other addresses", async () => {
    for (let i = 0; i < SIGN_IN_MAX_ATTEMPTS; i++) {
      expect(await authorize({ email: "guess@example.test", password: `wrong ${i}` }, from("203.0.113.7"))).toBeNull();
    }
    await expect(authorize({ email: "GUESS@example.test", password: "the right one" }, from("203.0.113.7"))).rejects.toThrow(TOO_MANY_SIGN_INS);
    // The owner, signing in from their own address, is not locked out by the guesser.
    expect(await authorize({ email: "guess@example.test", password: "the right one" }, from("198.51.100.2"))).toMatchObject({
      email: "guess@example.test",
    });
  });

  it("clears the count after a successful sign-in", async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < SIGN_IN_MAX_ATTEMPTS - 1; i++) {
        expect(await authorize({ email: "fine@example.test", password: "typo" }, from("192.0.2.9"))).toBeNull();
      }
      expect(await authorize({ email: "fine@example.test", password: "the right one" }, from("192.0.2.9"))).toMatchObject({
        email: "fine@example.test",
      });
    }
  });

  it("caps one email over all addresses, so forged X-Forwarded-For headers do not make guessing fast", async () => {
    const email = "forged@example.test";
    for (let i = 0; i < SIGN_IN_MAX_ATTEMPTS_PER_EMAIL; i++) {
      expect(await allowSignInAttempt(email, `203.0.113.${i % 250}-${i}`)).toBe(true);
    }
    expect(await allowSignInAttempt(email, "192.0.2.200")).toBe(false);
    expect(await allowSignInAttempt("someone-else@example.test", "192.0.2.200")).toBe(true);
  });
});
