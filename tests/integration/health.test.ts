import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "../../app/api/health/route";
import { beat } from "../../lib/queue/heartbeat";
import { closeQueues } from "../../lib/queue/queues";
import { resetEnvCache } from "../../lib/env";
import { setupIntegration, type IntegrationEnv } from "../helpers/integration";
import { freePort } from "../helpers/redis-server";

let env: IntegrationEnv;

beforeAll(async () => {
  env = await setupIntegration("health");
});

afterAll(async () => {
  await env?.teardown();
});

describe("GET /api/health", () => {
  it("reports the database, Redis, queue depth and the worker's heartbeat", async () => {
    await beat(["financial-summary"], 10_000);
    // A running server's pools are warm; the first connect of a cold one on a busy CI machine
    // can take longer than the check's 2 s budget, which is not what this test is about.
    await GET(new NextRequest("http://localhost/api/health"));
    const res = await GET(new NextRequest("http://localhost/api/health"));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ ok: true, database: { ok: true }, redis: { ok: true } });
    expect(body.queue).toMatchObject({ name: "financial-summary", waiting: 0 });
    expect(body.worker.secondsAgo).toBeLessThan(5);
  });

  it("answers 503 and names the dependency when Redis is down, without its address", async () => {
    await closeQueues();
    const deadPort = await freePort();
    process.env.REDIS_URL = `redis://:hunter2@127.0.0.1:${deadPort}`;
    resetEnvCache();
    try {
      const res = await GET(new NextRequest("http://localhost/api/health"));
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ ok: false, database: { ok: true }, redis: { ok: false } });
      expect(body.redis.error).toMatch(/^redis unreachable/);
      expect(JSON.stringify(body)).not.toContain("hunter2");
    } finally {
      await closeQueues();
      process.env.REDIS_URL = env.redisUrl;
      resetEnvCache();
    }
  });
});
