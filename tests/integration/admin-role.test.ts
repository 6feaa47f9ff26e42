import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "next-auth";
import { authOptions } from "../../lib/auth/options";
import { authenticateUser, listAdmins, registerUser, setAdmin } from "../../lib/auth/users";
import { db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

// Admin is an operator's grant (npm run admin), re-read from the database on every session
// read, never taken from registering an address or from a 30-day token.

let env: IntegrationEnv;

type SessionCallback = (args: { session: Session; token: Record<string, unknown> }) => Promise<Session>;
const sessionCallback = authOptions.callbacks!.session as unknown as SessionCallback;
const sessionFor = (uid: string, claimedRole = "ADMIN") =>
  sessionCallback({ session: { user: { id: "", role: "" }, expires: "2099-01-01T00:00:00.000Z" }, token: { uid, role: claimedRole } });

beforeAll(async () => {
  env = await setupIntegration("admin-role", { ADMIN_EMAILS: "boss@example.test, other-boss@example.test" });
});

afterAll(async () => {
  await env?.teardown();
});

describe("admin role", () => {
  // Issue 11: whoever registered an ADMIN_EMAILS address first owned every user's jobs and logs.
  it("is not granted by registering or signing in with an address ADMIN_EMAILS lists", async () => {
    const squatter = await registerUser({ email: "Boss@example.test", password: "squatter's password", name: "Squatter" });
    expect(squatter.role).toBe("USER");
    expect(await authenticateUser("boss@example.test", "squatter's password")).toMatchObject({ role: "USER" });
    expect((await db().user.findUniqueOrThrow({ where: { id: squatter.id } })).role).toBe("USER");
    // A token claiming admin is not believed: the session reads the database.
    expect((await sessionFor(squatter.id)).user).toMatchObject({ id: squatter.id, role: "USER" });
  });

  it("is granted and revoked by the operator, and counts from the next session read", async () => {
    const user = await registerUser({ email: "other-boss@example.test", password: "a long password", name: "Other" });
    expect((await sessionFor(user.id, "USER")).user?.role).toBe("USER");
    await setAdmin("OTHER-BOSS@example.test", true);
    expect((await sessionFor(user.id, "USER")).user?.role).toBe("ADMIN");
    expect(await listAdmins()).toEqual([{ email: "other-boss@example.test", active: true }]);
    await setAdmin("other-boss@example.test", false);
    expect((await sessionFor(user.id)).user?.role).toBe("USER");
  });

  it("is capped by ADMIN_EMAILS: an unlisted email cannot be granted, and an admin dropped from the list acts as a user", async () => {
    const user = await registerUser({ email: "ops@example.test", password: "a long password", name: "Ops" });
    await expect(setAdmin("ops@example.test", true)).rejects.toThrow(/not listed in ADMIN_EMAILS/);
    await db().user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect((await sessionFor(user.id)).user?.role).toBe("USER");
    process.env.ADMIN_EMAILS = "";
    resetEnvCache();
    expect((await sessionFor(user.id)).user?.role).toBe("ADMIN");
  });

  it("ends the session of a deleted account", async () => {
    const user = await registerUser({ email: "gone@example.test", password: "a long password", name: "Gone" });
    await db().user.delete({ where: { id: user.id } });
    expect((await sessionFor(user.id)).user).toBeUndefined();
  });

  it("refuses to grant an account that does not exist", async () => {
    await expect(setAdmin("nobody@example.test", true)).rejects.toThrow(/No account/);
  });
});
