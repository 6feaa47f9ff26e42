import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it, vi } from "vitest";

// A database blip must not sign anyone out (found by drill:postgres-blip on the shared
// queues: while Postgres was down every signed-in request answered 401, and next-auth clears
// the session cookie when the session callback throws). The session callback keeps the
// token's user and says the database is unavailable; an API route answers 503 JSON.

const findSessionUser = vi.hoisted(() => vi.fn());
vi.mock("./users", async (importOriginal) => ({ ...(await importOriginal<typeof import("./users")>()), findSessionUser }));

// next-auth's own getServerSession over a signed session cookie (its API-route form: the app
// router's needs a request scope), so its handling of a throwing session callback is the real one.
const SECRET = "unit-test-secret-unit-test-secret";
vi.mock("next-auth", async (importOriginal) => {
  const real = await importOriginal<typeof import("next-auth")>();
  const { encode } = await import("next-auth/jwt");
  return {
    ...real,
    getServerSession: async (options: import("next-auth").NextAuthOptions) => {
      const cookie = await encode({ token: { uid: "user-1", name: "Ada", email: "ada@example.test" }, secret: SECRET });
      const req = { headers: {}, cookies: { "next-auth.session-token": cookie } };
      const res = { getHeader() {}, setCookie() {}, setHeader() {} };
      return real.getServerSession(req as never, res as never, { ...options, secret: SECRET });
    },
  };
});

const { authOptions } = await import("./options");
const { authedRoute } = await import("../http/handle-route");

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const route = authedRoute(async ({ user }) => NextResponse.json({ user }));
const get = () => route(new NextRequest("http://localhost/api/summary"));


describe("the session while the database is unreachable", () => {
  it("keeps the token's user, as a USER, and says the database is unavailable instead of throwing", async () => {
    findSessionUser.mockImplementation(async () => {
      throw refused();
    });
    const session = await authOptions.callbacks!.session!({ session: { expires: "x", user: { name: "Ada" } }, token: { uid: "user-1" } } as never);
    expect(session).toMatchObject({ unavailable: true, user: { id: "user-1", role: "USER", name: "Ada" } });
  });

  it("lets any other error through (next-auth then answers no session)", async () => {
    findSessionUser.mockImplementation(async () => {
      throw new TypeError("boom");
    });
    await expect(authOptions.callbacks!.session!({ session: { expires: "x" }, token: { uid: "user-1" } } as never)).rejects.toThrow("boom");
  });

  it("makes an API route answer 503 in JSON with Retry-After, not 401", async () => {
    findSessionUser.mockImplementation(async () => {
      throw refused();
    });
    const res = await get();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "unavailable", message: "The database is not reachable right now. Try again in a few seconds." });
  });

  it("still answers the signed-in user when the database answers, and 401 for a deleted one", async () => {
    findSessionUser.mockResolvedValue({ id: "user-1", role: "USER" });
    const ok = await get();
    expect(ok.status).toBe(200);
    expect((await ok.json()).user).toEqual({ id: "user-1", role: "USER" });
    findSessionUser.mockResolvedValue(null);
    expect((await get()).status).toBe(401);
  });
});
