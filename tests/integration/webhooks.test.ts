import { execFileSync } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { createJobRow } from "../../lib/queue/background-jobs";
import { dispatchJob } from "../../lib/queue/dispatch-job";
import { QUEUE } from "../../lib/jobs/job-names";
import { dataCleanupJob } from "../../lib/jobs/data-cleanup";
import { cleanOldWebhookEvents } from "../../lib/maintenance/clean-old-webhook-events";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";
import { parseAllowedCidrs } from "../../lib/webhooks/check-address";
import { deliverWebhookAttempt, RETRY_WINDOW_MS } from "../../lib/webhooks/deliver-webhook";
import { emitWebhookEvent } from "../../lib/webhooks/emit-event";
import { createEndpoint, listEndpoints, sendTestEvent, updateEndpoint } from "../../lib/webhooks/manage-endpoints";
import { sendWebhook } from "../../lib/webhooks/send-webhook";
import { sealEndpointSecrets } from "../../lib/webhooks/seal-endpoint-secrets";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";

// Webhooks against a local receiver, with the operator's allowance for 127.0.0.1 on (as an
// operator would allow a receiver on their own network): signed deliveries checked by an
// independent HMAC implementation (the openssl command), retries, an endpoint disabled after
// a day of failures, and the SSRF refusals.

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let env: IntegrationEnv;
let worker: RunningWorker;
let server: Server;
let base: string;
const received: Received[] = [];
// What the receiver answers on each path.
const answers: Record<string, { status: number; location?: string }> = {};

beforeAll(async () => {
  env = await setupIntegration("webhooks", { WEBHOOK_ALLOWED_CIDRS: "127.0.0.1/32", WEBHOOK_TIMEOUT_MS: "2000" });
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      const answer = answers[req.url ?? ""] ?? { status: 204 };
      res.writeHead(answer.status, answer.location ? { location: answer.location } : {});
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker = await startWorker({ queues: [QUEUE.webhookDelivery, QUEUE.notification, QUEUE.dataCleanup] });
});

afterAll(async () => {
  await worker?.stop();
  await new Promise((r) => server?.close(r));
  await env?.teardown();
});

beforeEach(() => {
  received.length = 0;
});

/** HMAC-SHA256 by the openssl command: an implementation that shares no code with ours. */
function opensslHmac(secret: string, text: string): string {
  const out = execFileSync("openssl", ["dgst", "-sha256", "-hmac", secret], { input: text }).toString();
  return out.trim().split(/\s+/).pop()!;
}

describe("delivery", () => {
  it("POSTs the event to every subscribed endpoint, signed over timestamp and body", async () => {
    const user = await createUser("hook");
    const { endpoint, secret } = await createEndpoint(user.id, { url: `${base}/ok`, events: ["import.completed"] });
    await createEndpoint(user.id, { url: `${base}/other`, events: ["summary.updated"] });
    expect(secret).toMatch(/^whsec_/);

    const emitted = await emitWebhookEvent(undefined, user.id, "import.completed", { importId: "imp_1", importedCount: 3 });
    expect(emitted!.jobs).toHaveLength(1); // Only the endpoint that wants this type.
    await waitForJob(emitted!.jobs[0].id);

    const hit = received.find((r) => r.path === "/ok")!;
    const body = JSON.parse(hit.body);
    expect(body).toMatchObject({ id: emitted!.eventId, type: "import.completed", data: { importId: "imp_1", importedCount: 3 } });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    const signature = String(hit.headers["tallyboard-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(v1).toBe(opensslHmac(secret, `${t}.${hit.body}`));
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
    expect(received.some((r) => r.path === "/other")).toBe(false);

    const { endpoints } = await listEndpoints(user.id);
    const delivery = endpoints.find((e) => e.id === endpoint.id)!.deliveries[0];
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 204, eventType: "import.completed" });
    expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("emits once per producer run: the same dedupe key adds nothing", async () => {
    const user = await createUser("dedupe");
    await createEndpoint(user.id, { url: `${base}/ok`, events: ["summary.updated"] });
    const first = await emitWebhookEvent(undefined, user.id, "summary.updated", { a: 1 }, { dedupeKey: "job-1" });
    const again = await emitWebhookEvent(undefined, user.id, "summary.updated", { a: 1 }, { dedupeKey: "job-1" });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
  });

  it("sends a test event to the chosen endpoint only", async () => {
    const user = await createUser("test-event");
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/test-event`, events: ["job.failed"] });
    const { jobId, eventId } = await sendTestEvent(user.id, endpoint.id);
    await waitForJob(jobId);
    expect(JSON.parse(received.find((r) => r.path === "/test-event")!.body)).toMatchObject({ id: eventId, type: "webhook.test" });
    const other = await createUser("stranger");
    await expect(sendTestEvent(other.id, endpoint.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the signing secret at rest", () => {
  const signatureOf = (hit: Received) => /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(hit.headers["tallyboard-signature"]))!;

  it("is stored encrypted, never listed, and still signs deliveries", async () => {
    const user = await createUser("sealed");
    const { endpoint, secret } = await createEndpoint(user.id, { url: `${base}/sealed`, events: ["summary.updated"] });
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secret).toMatch(/^enc:v1:/);
    expect(row.secret).not.toContain(secret.slice(6));
    expect(endpoint.secretHint).toBe(`…${secret.slice(-4)}`);
    expect(JSON.stringify(await listEndpoints(user.id))).not.toContain(secret.slice(6, 20));

    const emitted = await emitWebhookEvent(undefined, user.id, "summary.updated", { n: 1 });
    await waitForJob(emitted!.jobs[0].id);
    const hit = received.find((r) => r.path === "/sealed")!;
    const [, t, v1] = signatureOf(hit);
    expect(v1).toBe(opensslHmac(secret, `${t}.${hit.body}`));
  });

  it("a row from before encryption keeps working, and db:migrate's step encrypts it, once", async () => {
    const user = await createUser("legacy");
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/legacy`, events: ["summary.updated"] });
    const legacy = "whsec_legacyPlainTextSecretFromBeforeEncryption0";
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: legacy, secretHint: "" } });

    const before = await emitWebhookEvent(undefined, user.id, "summary.updated", { n: 1 });
    await waitForJob(before!.jobs[0].id);
    const first = received.find((r) => r.path === "/legacy")!;
    expect(signatureOf(first)[2]).toBe(opensslHmac(legacy, `${signatureOf(first)[1]}.${first.body}`));

    const report = await sealEndpointSecrets();
    expect(report.sealed).toBe(1);
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secret).toMatch(/^enc:v1:/);
    expect(row.secretHint).toBe("ion0");
    expect((await sealEndpointSecrets()).sealed).toBe(0);

    received.length = 0;
    const after = await emitWebhookEvent(undefined, user.id, "summary.updated", { n: 2 });
    await waitForJob(after!.jobs[0].id);
    const second = received.find((r) => r.path === "/legacy")!;
    expect(signatureOf(second)[2]).toBe(opensslHmac(legacy, `${signatureOf(second)[1]}.${second.body}`));
  });
});

describe("events from the job layer", () => {
  it("a job of the user's that fails for good emits job.failed, once", async () => {
    const user = await createUser("job-failed");
    await createEndpoint(user.id, { url: `${base}/job-failed`, events: ["job.failed"] });
    // A notification job with no notification in its payload fails at once (a permanent error).
    const job = await db().$transaction((tx) => createJobRow(tx, { type: QUEUE.notification, userId: user.id, payload: {} }));
    await dispatchJob({ id: job.id, type: QUEUE.notification, userId: user.id, runAfter: new Date() });
    await waitForJob(job.id, ["failed"]);
    const hit = await waitFor("the job.failed delivery", async () => received.find((r) => r.path === "/job-failed"));
    expect(JSON.parse(hit.body)).toMatchObject({ type: "job.failed", data: { id: job.id, type: "notification" } });
    expect(await db().webhookEvent.count({ where: { userId: user.id, type: "job.failed" } })).toBe(1);
  });
});

describe("retries and disabling", () => {
  it("retries a failed attempt later, backing off, and records the response code", async () => {
    const user = await createUser("retry");
    answers["/flaky"] = { status: 503 };
    await createEndpoint(user.id, { url: `${base}/flaky`, events: ["insight.created"] });
    const emitted = await emitWebhookEvent(undefined, user.id, "insight.created", { id: "ins_1" });
    await waitForJob(emitted!.jobs[0].id);

    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { eventId: emitted!.eventId } });
    expect(delivery).toMatchObject({ status: "retrying", attempts: 1, responseStatus: 503, error: "HTTP 503" });
    const next = await db().backgroundJob.findFirstOrThrow({ where: { type: "webhook-delivery", payload: { path: ["deliveryId"], equals: delivery.id }, status: "pending" } });
    expect((next.payload as { attempt: number }).attempt).toBe(2);
    const wait = next.runAfter.getTime() - delivery.lastAttemptAt!.getTime();
    expect(wait).toBeGreaterThanOrEqual(55_000);
    expect(wait).toBeLessThanOrEqual(65_000);

    // The second attempt (run here without its delay) succeeds once the receiver is back.
    answers["/flaky"] = { status: 200 };
    expect(await deliverWebhookAttempt(delivery.id, 2)).toMatchObject({ kind: "succeeded", status: 200 });
    // The job for attempt 2, when it comes, finds it done.
    expect(await deliverWebhookAttempt(delivery.id, 2)).toMatchObject({ kind: "skipped" });
    const endpointRow = await db().webhookEndpoint.findFirstOrThrow({ where: { userId: user.id } });
    expect(endpointRow.failingSince).toBeNull();
  });

  it("stops retrying 24 hours after the event", async () => {
    const user = await createUser("window");
    answers["/down"] = { status: 500 };
    await createEndpoint(user.id, { url: `${base}/down`, events: ["insight.created"] });
    const emitted = await emitWebhookEvent(undefined, user.id, "insight.created", { id: "ins_2" });
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { eventId: emitted!.eventId } });
    const later = () => new Date(Date.now() + RETRY_WINDOW_MS + 1000);
    expect(await deliverWebhookAttempt(delivery.id, 7, { now: later })).toMatchObject({ kind: "failed", endpointDisabled: false });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "failed", nextAttemptAt: null });
  });

  it("disables an endpoint that failed for a whole day and tells its owner", async () => {
    const user = await createUser("disable");
    answers["/dead"] = { status: 410 };
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/dead`, events: ["budget.exceeded"] });
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - RETRY_WINDOW_MS - 60_000) } });
    const emitted = await emitWebhookEvent(undefined, user.id, "budget.exceeded", { budgetId: "b1" });
    await waitForJob(emitted!.jobs[0].id);

    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/failed for 24 hours.*HTTP 410/);
    const note = await db().notification.findFirstOrThrow({ where: { userId: user.id, kind: "webhook_disabled" } });
    expect(note.body).toContain(`${base}/dead`);
    // A disabled endpoint gets no new events.
    expect(await emitWebhookEvent(undefined, user.id, "budget.exceeded", { budgetId: "b2" })).toBeNull();
    // Turned on again, it starts a fresh day.
    const { endpoint: on } = await updateEndpoint(user.id, endpoint.id, { enabled: true });
    expect(on).toMatchObject({ enabled: true, disabledReason: null });
  });

  it("keeps failing under a day without disabling", async () => {
    const user = await createUser("young-failure");
    answers["/young"] = { status: 500 };
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/young`, events: ["budget.exceeded"] });
    await db().webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(Date.now() - RETRY_WINDOW_MS + 3600_000) } });
    const emitted = await emitWebhookEvent(undefined, user.id, "budget.exceeded", { budgetId: "b3" });
    await waitForJob(emitted!.jobs[0].id);
    expect((await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);
  });
});

describe("retention", () => {
  it("deletes events older than WEBHOOK_EVENT_RETENTION_DAYS with their deliveries, in batches, and keeps the rest", async () => {
    const user = await createUser("retention");
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/kept`, events: ["job.failed"] });
    const days = (n: number) => new Date(Date.now() - n * 24 * 3600_000);
    const make = async (key: string, createdAt: Date) => {
      const event = await db().webhookEvent.create({ data: { userId: user.id, type: "job.failed", data: {}, dedupeKey: key, createdAt } });
      await db().webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: event.id, status: "succeeded", attempts: 1, createdAt } });
      return event;
    };
    for (const [i, age] of [31, 45, 90, 400, 30.5].entries()) await make(`old-${i}`, days(age));
    const young = await make("young", days(29));
    // An event whose endpoint was removed has no delivery left; it goes by age all the same.
    await db().webhookEvent.create({ data: { userId: user.id, type: "job.failed", data: {}, dedupeKey: "orphan", createdAt: days(60) } });

    // Batches of 2: four statements for 6 old events, the last one short.
    expect(await cleanOldWebhookEvents(new Date(), 2)).toEqual({ events: 6, deliveries: 5 });
    expect((await db().webhookEvent.findMany({ where: { userId: user.id } })).map((e) => e.id)).toEqual([young.id]);
    expect(await db().webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(1);
    expect(await cleanOldWebhookEvents(new Date(), 2)).toEqual({ events: 0, deliveries: 0 });
  });

  it("is part of the daily data-cleanup job", async () => {
    const user = await createUser("cleanup-job");
    const { endpoint } = await createEndpoint(user.id, { url: `${base}/kept`, events: ["job.failed"] });
    const event = await db().webhookEvent.create({ data: { userId: user.id, type: "job.failed", data: {}, createdAt: new Date(Date.now() - 31 * 24 * 3600_000) } });
    await db().webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: event.id, status: "failed" } });
    const requested = await dataCleanupJob.enqueue({});
    await waitForJob(requested.id);
    const job = await db().backgroundJob.findUniqueOrThrow({ where: { id: requested.id } });
    expect(job.message).toContain("1 webhook events (1 deliveries)");
    expect(await db().webhookEvent.count({ where: { id: event.id } })).toBe(0);
  });
});

describe("SSRF refusals", () => {
  const NO_ALLOWANCE = parseAllowedCidrs([]);
  const send = (url: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
    sendWebhook({ url, secret: "s", body: "{}", allowed: NO_ALLOWANCE, timeoutMs: 2000, ...extra });

  it.each([
    "http://127.0.0.1:9/",
    "http://10.1.2.3/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]:9/",
    "http://[fe80::1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:7f00:1]/",
    "http://0.0.0.0/",
  ])("refuses %s without connecting", async (url) => {
    const outcome = await send(url);
    expect(outcome).toMatchObject({ ok: false, refused: true });
    if (!outcome.ok) expect(outcome.error).toMatch(/internal address/);
  });

  it("refuses a name that resolves inward, checking every address it resolves to", async () => {
    const outcome = await send("http://hooks.example.test/", {
      resolve: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
    });
    expect(outcome).toMatchObject({ ok: false, refused: true, error: "refused: hooks.example.test resolves to 10.0.0.7, an internal address" });
    expect(await send("http://localhost:9/")).toMatchObject({ ok: false, refused: true });
  });

  it("connects to the address it checked: a second DNS answer is never asked for", async () => {
    let calls = 0;
    const outcome = await sendWebhook({
      url: `${base.replace("127.0.0.1", "rebind.example.test")}/pinned`,
      secret: "s",
      body: "{}",
      allowed: parseAllowedCidrs(["127.0.0.1/32"]),
      timeoutMs: 2000,
      // A rebinding server: the checked answer first, an unchecked one after.
      resolve: async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.9.9.9", family: 4 }]),
    });
    expect(outcome).toMatchObject({ ok: true, status: 204 });
    expect(calls).toBe(1);
    expect(received.find((r) => r.path === "/pinned")!.headers.host).toBe(`rebind.example.test:${new URL(base).port}`);
  });

  it("does not follow a redirect, to an inner address or anywhere", async () => {
    answers["/redirect"] = { status: 302, location: "http://169.254.169.254/latest/meta-data/" };
    const user = await createUser("redirect");
    await createEndpoint(user.id, { url: `${base}/redirect`, events: ["job.failed"] });
    const emitted = await emitWebhookEvent(undefined, user.id, "job.failed", { id: "job_1" });
    await waitForJob(emitted!.jobs[0].id);
    const delivery = await db().webhookDelivery.findFirstOrThrow({ where: { eventId: emitted!.eventId } });
    expect(delivery).toMatchObject({ status: "retrying", responseStatus: 302 });
    expect(delivery.error).toMatch(/redirect refused/);
    expect(received.filter((r) => r.path !== "/redirect")).toHaveLength(0);
  });

  it("refuses an inner URL when the endpoint is added", async () => {
    const user = await createUser("add-inner");
    await expect(createEndpoint(user.id, { url: "http://169.254.169.254/", events: ["job.failed"] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createEndpoint(user.id, { url: "http://[::1]/", events: ["job.failed"] })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createEndpoint(user.id, { url: "ftp://example.com/", events: ["job.failed"] })).rejects.toThrow();
  });
});
