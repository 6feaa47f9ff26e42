import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, PUT } from "../../app/api/notifications/preferences/route";
import { db } from "../../lib/db";
import { resetEnvCache } from "../../lib/env";
import { createUser, setupIntegration, type IntegrationEnv } from "../helpers/integration";

// The preferences API through its route handlers, on the real Postgres. The session is the
// one thing faked: next-auth's getServerSession answers for whoever `signedIn` names.

let signedIn: { id: string; email: string } | null = null;
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => (signedIn ? { user: { id: signedIn.id, email: signedIn.email, role: "USER" } } : null),
}));

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("notify-prefs", { SMTP_URL: "smtp://mailer:not-used@127.0.0.1:2525" });
});

afterAll(async () => {
  await env?.teardown();
});

const URL = "http://localhost/api/notifications/preferences";

async function get() {
  const res = await GET(new NextRequest(URL));
  return { status: res.status, body: await res.json() };
}

async function put(body: unknown) {
  const res = await PUT(
    new NextRequest(URL, { method: "PUT", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
  );
  return { status: res.status, body: await res.json() };
}

const emailOf = (body: { kinds: { kind: string; email: boolean }[] }) => Object.fromEntries(body.kinds.map((k) => [k.kind, k.email]));

describe("GET and PUT /api/notifications/preferences", () => {
  it("answers the defaults, saves choices and reads them back", async () => {
    const user = await createUser("prefs");
    signedIn = user;

    const first = await get();
    expect(first.status).toBe(200);
    expect(first.body.email).toEqual({ enabled: true, address: user.email });
    expect(emailOf(first.body)).toEqual({
      import_completed: true,
      categorize_completed: true,
      budget_exceeded: true,
      insight: true,
      job_failed: true,
    });
    expect(first.body.kinds[0]).toMatchObject({ kind: "import_completed", label: "Imports", description: expect.any(String) });

    const saved = await put({ kinds: { job_failed: false, insight: false } });
    expect(saved.status).toBe(200);
    expect(emailOf(saved.body)).toMatchObject({ job_failed: false, insight: false, import_completed: true });
    expect(emailOf((await get()).body)).toEqual(emailOf(saved.body));

    // A later save changes only what it names.
    await put({ kinds: { insight: true } });
    expect(emailOf((await get()).body)).toMatchObject({ job_failed: false, insight: true });

    // The bell per kind: on by default, off on request, e-mail untouched.
    const inAppOf = (body: { kinds: { kind: string; inApp: boolean }[] }) => Object.fromEntries(body.kinds.map((k) => [k.kind, k.inApp]));
    expect(inAppOf((await get()).body)).toMatchObject({ insight: true, budget_exceeded: true });
    const quiet = await put({ inApp: { insight: false } });
    expect(inAppOf(quiet.body)).toMatchObject({ insight: false, budget_exceeded: true });
    expect(emailOf(quiet.body)).toMatchObject({ insight: true });
  });

  it("says when the server has no SMTP configured", async () => {
    signedIn = await createUser("no-smtp");
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      expect((await get()).body.email.enabled).toBe(false);
    } finally {
      process.env.SMTP_URL = saved;
      resetEnvCache();
    }
  });

  it("refuses an unknown kind or a non-boolean with 422 and field errors, and saves nothing", async () => {
    const user = await createUser("invalid");
    signedIn = user;
    const unknown = await put({ kinds: { insight: false, weekly_digest: true } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toBe("validation_failed");
    expect(Object.keys(unknown.body.fields).join(" ")).toMatch(/kinds/);

    const notBoolean = await put({ kinds: { insight: "no" } });
    expect(notBoolean.status).toBe(422);
    expect(notBoolean.body.fields["kinds.insight"]).toEqual(["must be true or false"]);

    expect((await put({ kinds: [] })).status).toBe(422);
    expect((await put({})).status).toBe(422);
    expect((await put("not json")).status).toBe(400);
    expect(await db().notificationPreference.count({ where: { userId: user.id } })).toBe(0);
  });

  it("is scoped to the signed-in user", async () => {
    const owner = await createUser("owner");
    const other = await createUser("other");
    signedIn = owner;
    await put({ kinds: { import_completed: false } });

    signedIn = other;
    const theirs = await get();
    expect(theirs.body.email.address).toBe(other.email);
    expect(emailOf(theirs.body).import_completed).toBe(true);
    await put({ kinds: { import_completed: true, budget_exceeded: false } });

    signedIn = owner;
    expect(emailOf((await get()).body)).toMatchObject({ import_completed: false, budget_exceeded: true });
  });

  it("asks for a sign-in without a session", async () => {
    signedIn = null;
    expect((await get()).status).toBe(401);
    expect((await put({ kinds: { insight: false } })).status).toBe(401);
  });
});
