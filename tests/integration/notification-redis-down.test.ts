import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { closeEmailTransport } from "../../lib/email/transport";
import { createNotification, listNotifications } from "../../lib/notifications/notifications";
import { QUEUE } from "../../lib/jobs/job-names";
import { getQueue } from "../../lib/queue/queues";
import { reconcileJobs } from "../../lib/worker/reconcile-jobs";
import { startWorker } from "../../lib/worker/start-worker";
import { createUser, setupIntegration, waitFor, waitForJob, type IntegrationEnv } from "../helpers/integration";
import { freePort, TestRedisServer } from "../helpers/redis-server";
import { TestSmtpServer } from "../helpers/smtp-server";

// A notification created while Redis is down: the in-app row is there at once, and its e-mail
// goes out once Redis is back (the outbox row is re-queued by the reconciler), exactly once.

let env: IntegrationEnv;
let redis: TestRedisServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  redis = new TestRedisServer(await freePort());
  await redis.start();
  smtp = await TestSmtpServer.start();
  env = await setupIntegration("notify-outbox", { REDIS_URL: redis.url, ENQUEUE_TIMEOUT_MS: "500", SMTP_URL: smtp.url() });
});

afterAll(async () => {
  closeEmailTransport();
  await env?.teardown();
  await redis?.stop();
  await smtp?.stop();
});

describe("Redis down when a notification is created", () => {
  it("shows it in-app at once and e-mails it once Redis is back", async () => {
    const user = await createUser("outbox");
    await redis.stop();

    const created = await createNotification({ userId: user.id, kind: "import_completed", title: "Import finished: 42 rows", link: "/dashboard" });
    expect((await listNotifications(user.id)).notifications.map((n) => n.title)).toEqual(["Import finished: 42 rows"]);
    const row = await db().backgroundJob.findUniqueOrThrow({ where: { id: created.deliveryJob!.id } });
    expect(row).toMatchObject({ type: QUEUE.notification, status: "pending", enqueuedAt: null });

    await redis.start();
    await reconcileJobs({ pendingAfterMs: 0 });
    expect(await getQueue(QUEUE.notification).getJob(row.id)).not.toBeNull();

    const worker = await startWorker({ queues: [QUEUE.notification] });
    try {
      await waitForJob(row.id);
      await waitFor("the mail", async () => smtp.messagesTo(user.email).length > 0);
    } finally {
      await worker.stop();
    }
    expect(smtp.messagesTo(user.email).map((m) => m.subject)).toEqual(["Import finished: 42 rows"]);
    expect((await reconcileJobs({ pendingAfterMs: 0 })).requeued).toBe(0);
  });
});
