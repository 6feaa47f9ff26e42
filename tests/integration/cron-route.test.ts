import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "../../app/api/cron/process-financial-summary-queue/route";
import { resetEnvCache } from "../../lib/env";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";

let env: IntegrationEnv;
const SECRET = "cron-secret-for-tests-4f9a2c";
const BASE = "http://localhost/api/cron/process-financial-summary-queue";

beforeAll(async () => {
  env = await setupIntegration("cron");
});

afterAll(async () => {
  await env?.teardown();
});

function setSecret(secret: string | undefined) {
  if (secret === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = secret;
  resetEnvCache();
}

async function call(handler: typeof GET, url: string, headers: Record<string, string> = {}) {
  const res = await handler(new NextRequest(url, { headers, method: handler === POST ? "POST" : "GET" }));
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

describe("cron route authentication", () => {
  beforeEach(() => setSecret(SECRET));

  it("refuses every call with 503 while CRON_SECRET is unset", async () => {
    setSecret(undefined);
    for (const url of [BASE, `${BASE}?token=anything`]) {
      const res = await call(GET, url);
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/CRON_SECRET/);
    }
    expect((await call(GET, BASE, { authorization: "Bearer anything" })).status).toBe(503);
  });

  it("answers 401 without a token", async () => {
    expect((await call(GET, BASE)).status).toBe(401);
    expect((await call(POST, BASE)).status).toBe(401);
  });

  it("answers 401 for a wrong token in the query or the header", async () => {
    expect((await call(GET, `${BASE}?token=wrong`)).status).toBe(401);
    expect((await call(GET, `${BASE}?token=${SECRET}x`)).status).toBe(401);
    expect((await call(GET, `${BASE}?token=${SECRET.slice(0, -1)}`)).status).toBe(401);
    expect((await call(GET, BASE, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await call(GET, BASE, { authorization: SECRET })).status).toBe(401);
  });

  it("runs with the token in the query (cron-job.org)", async () => {
    const res = await call(GET, `${BASE}?token=${encodeURIComponent(SECRET)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, requeued: 0, summariesRequested: 0 });
    expect(res.body.queues).toHaveProperty(["user-data", "waiting"]);
    expect(res.body).toHaveProperty("lastHeartbeat");
    expect(res.text).not.toContain(SECRET);
  });

  it("runs with a Bearer header (Vercel Cron), by GET and POST", async () => {
    expect((await call(GET, BASE, { authorization: `Bearer ${SECRET}` })).status).toBe(200);
    const res = await call(POST, BASE, { authorization: `Bearer ${SECRET}` });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(SECRET);
  });
});
